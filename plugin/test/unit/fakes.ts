// Test doubles for the ports: an in-memory vault and a tiny core that trims
// trailing spaces (with UTF-16 offsets, like the real one).

import type { EditorPort } from "../../src/core/actions";
import type { VaultPort } from "../../src/core/ports";
import type { Change, CorePort, KeptKey, NoteFacts, Outcome, PreparedVault, TextEdit, VaultContext } from "../../src/core/types";
import { applyEdits, isPrepared } from "../../src/core/types";

/** A prepared vault of FakeCore: it only records being freed. */
export class FakeVault implements PreparedVault {
	freed = false;
	constructor(readonly context: VaultContext) {}
	get usable(): boolean {
		return !this.freed;
	}
	free(): void {
		this.freed = true;
	}
}

export class FakeCore implements CorePort {
	calls = 0;
	/** The context of the last normalize (a prepared vault's own). */
	lastVault: VaultContext | undefined;
	/** The prepared vault the last normalize was given, if it was given one. */
	lastPrepared: FakeVault | undefined;
	failOn: string | null = null;
	/** Every vault prepared, in order. */
	prepared: FakeVault[] = [];

	normalize(text: string, _settings: object, vault?: VaultContext | PreparedVault): Outcome {
		this.calls += 1;
		if (isPrepared(vault) && vault.usable === false) throw new Error("a freed vault was used");
		this.lastPrepared = vault instanceof FakeVault ? vault : undefined;
		this.lastVault = isPrepared(vault) ? vault.context : vault;
		if (this.failOn !== null && text.includes(this.failOn)) throw new Error("boom");
		const edits: TextEdit[] = [];
		const changes: Change[] = [];
		let offset = 0;
		text.split("\n").forEach((line, i) => {
			const trimmed = line.replace(/[ \t]+$/, "");
			if (trimmed.length !== line.length) {
				const from = offset + trimmed.length;
				const to = offset + line.length;
				edits.push({ from, to, insert: "" });
				changes.push({ fix: "whitespace", from, to, line: i + 1, before: line.slice(trimmed.length), after: "", message: "trailing whitespace removed" });
			}
			offset += line.length + 1;
		});
		const out = applyEdits(text, edits);
		return { text: out, changed: edits.length > 0, changes, edits, diagnostics: [], warnings: [] };
	}

	noteFacts(text: string): NoteFacts {
		const people = [...text.matchAll(/@(\w+)/g)].map((m) => m[1] ?? "");
		return { people, dayFirst: 0, monthFirst: 0 };
	}

	/** How many times vaultContext was asked. */
	contextCalls = 0;

	vaultContext(facts: NoteFacts[]): VaultContext {
		this.contextCalls += 1;
		return { people: [...new Set(facts.flatMap((f) => f.people))].sort(), dateOrder: null };
	}

	prepareVault(context: VaultContext): FakeVault {
		const vault = new FakeVault(context);
		this.prepared.push(vault);
		return vault;
	}

	/** What linterKeptKeys was given, call by call. */
	keptKeysCalls: [string, string][] = [];

	/**
	 * A crude stand-in for the core's reading of the Linter's settings (the
	 * WASM suite checks the real one): the Linter listed as enabled and its
	 * rule on give `date modified`, or the key set as `date-modified-key`.
	 */
	linterKeptKeys(communityPlugins: string, linterData: string): KeptKey[] {
		this.keptKeysCalls.push([communityPlugins, linterData]);
		try {
			const enabled = JSON.parse(communityPlugins) as unknown;
			const data = JSON.parse(linterData) as { ruleConfigs?: Record<string, { enabled?: boolean; "date-modified-key"?: string }> };
			const rule = data.ruleConfigs?.["yaml-timestamp"];
			if (!Array.isArray(enabled) || !enabled.includes("obsidian-linter") || rule?.enabled !== true) return [];
			return [{ key: rule["date-modified-key"] ?? "date modified", by: "Obsidian Linter's YAML timestamp" }];
		} catch {
			return [];
		}
	}
}

export class MemoryVault implements VaultPort {
	files = new Map<string, string>();
	dataFiles = new Map<string, string>();
	dirs = new Set<string>();
	processCalls = 0;
	/** Runs before each process() transform: lets a test edit a file "meanwhile". */
	beforeProcess: ((path: string) => void) | null = null;
	log: string[] = [];

	constructor(files: Record<string, string> = {}) {
		for (const [k, v] of Object.entries(files)) this.files.set(k, v);
	}
	markdownPaths(): string[] {
		return [...this.files.keys()].filter((p) => p.endsWith(".md"));
	}
	/** The paths read, in order. */
	reads: string[] = [];
	async read(path: string): Promise<string> {
		this.reads.push(path);
		const text = this.files.get(path);
		if (text === undefined) throw new Error(`no file ${path}`);
		return text;
	}
	async process(path: string, transform: (data: string) => string): Promise<string> {
		this.processCalls += 1;
		this.beforeProcess?.(path);
		const data = this.files.get(path);
		if (data === undefined) throw new Error(`no file ${path}`);
		const out = transform(data);
		this.files.set(path, out);
		this.log.push(`process ${path}`);
		return out;
	}
	exists(path: string): boolean {
		return this.files.has(path);
	}
	data = {
		read: async (path: string): Promise<string> => {
			const d = this.dataFiles.get(path);
			if (d === undefined) throw new Error(`no data file ${path}`);
			return d;
		},
		write: async (path: string, data: string): Promise<void> => {
			this.dataFiles.set(path, data);
			this.log.push(`write ${path}`);
		},
		exists: async (path: string): Promise<boolean> => this.dataFiles.has(path) || this.dirs.has(path),
		mkdir: async (path: string): Promise<void> => {
			this.dirs.add(path);
		},
		rmdir: async (path: string): Promise<void> => {
			this.dirs.delete(path);
			for (const k of [...this.dataFiles.keys()]) if (k.startsWith(`${path}/`)) this.dataFiles.delete(k);
			for (const d of [...this.dirs]) if (d.startsWith(`${path}/`)) this.dirs.delete(d);
		},
		listFolders: async (path: string): Promise<string[]> => {
			const inside = new Set<string>();
			for (const k of [...this.dirs, ...this.dataFiles.keys()]) {
				if (!k.startsWith(`${path}/`)) continue;
				const rest = k.slice(path.length + 1).split("/");
				if (rest.length > 1 || this.dirs.has(k)) inside.add(`${path}/${rest[0] ?? ""}`);
			}
			return [...inside].sort();
		},
	};
}

/** An editor holding `text`, which records each transaction it applies. */
export class FakeEditor implements EditorPort {
	transactions: { edits: TextEdit[]; base: number }[] = [];
	constructor(
		public text: string,
		public sel = { from: 0, to: 0 },
	) {}
	getValue(): string {
		return this.text;
	}
	apply(edits: readonly TextEdit[], base = 0): void {
		this.transactions.push({ edits: [...edits], base });
		this.text = applyEdits(this.text, edits.map((e) => ({ ...e, from: e.from + base, to: e.to + base })));
	}
	selection(): { from: number; to: number } {
		return this.sel;
	}
}
