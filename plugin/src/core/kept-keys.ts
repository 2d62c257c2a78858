// The frontmatter keys other plugins write themselves, kept as they write
// them. While Obsidian Linter's YAML timestamp rule is on, the Linter
// rewrites `date modified` (or the key its settings name) in its own format on
// every save; were the dates fix to rewrite it too, the two would undo each
// other forever. The core reads the Linter's settings (`linterKeptKeys`); this
// module only fetches the two files and hands the answer to every normalize.

import type { CorePort, KeptKey, Outcome, PreparedVault, VaultContext } from "./types";
import { isPrepared } from "./types";

/** Obsidian Linter's plugin id: its folder under `plugins/` and its entry in community-plugins.json. */
export const LINTER_ID = "obsidian-linter";

/** How the config files are read: the vault adapter (the config folder is not in the vault's index). */
export interface ConfigFiles {
	read(path: string): Promise<string>;
	exists(path: string): Promise<boolean>;
}

/**
 * When the keys are read again. On load, and whenever either file changes:
 * Obsidian's `raw` event (the desktop's file watcher, which also sees the
 * config folder) says so at once; before each clean-up they are read again
 * anyway (two small files next to a read of every note). Fix on save must
 * stay synchronous, so it cannot wait for a read: where no `raw` event comes
 * (mobile has no watcher), an automatic fix older than `STALE_MS` since the
 * last read starts one in the background, for the fixes after it. Two small
 * reads every few seconds at most, and only while notes are being fixed.
 */
export const STALE_MS = 5000;

export class KeptKeys {
	private keys: KeptKey[] = [];
	private readAt = Number.NEGATIVE_INFINITY;
	private pending: Promise<KeptKey[]> | null = null;

	constructor(
		private readonly files: ConfigFiles,
		private readonly configDir: string,
		private readonly core: () => Pick<CorePort, "linterKeptKeys"> | null,
		private readonly clock: () => number = Date.now,
	) {}

	/** The two files read, vault-relative. */
	get paths(): { communityPlugins: string; linterData: string } {
		const dir = this.configDir.replace(/\/+$/, "");
		return { communityPlugins: `${dir}/community-plugins.json`, linterData: `${dir}/plugins/${LINTER_ID}/data.json` };
	}

	/** The keys as last read (none before the first read). */
	get current(): KeptKey[] {
		return this.keys;
	}

	/** Whether a changed path (a `raw` event's) is one of the files read. */
	isSource(path: string): boolean {
		const p = path.replace(/^\/+/, "");
		const { communityPlugins, linterData } = this.paths;
		return p === communityPlugins || p === linterData;
	}

	/** Reads both files again (a missing or unreadable one counts as empty) and asks the core. */
	refresh(): Promise<KeptKey[]> {
		// One read at a time; a refresh asked meanwhile gets that read.
		this.pending ??= this.read().finally(() => {
			this.pending = null;
		});
		return this.pending;
	}

	/** Starts a refresh in the background when the last read is older than `maxAgeMs`. */
	refreshIfStale(maxAgeMs = STALE_MS): void {
		if (this.clock() - this.readAt < maxAgeMs) return;
		void this.refresh();
	}

	private async read(): Promise<KeptKey[]> {
		const core = this.core();
		if (!core) return this.keys;
		this.readAt = this.clock();
		const { communityPlugins, linterData } = this.paths;
		const [plugins, data] = await Promise.all([this.text(communityPlugins), this.text(linterData)]);
		try {
			this.keys = core.linterKeptKeys(plugins, data);
		} catch (error) {
			// A core crash here must not stop a save or a clean-up: the keys last read stay.
			console.error("Notemend: reading Obsidian Linter's settings failed", error);
		}
		return this.keys;
	}

	private async text(path: string): Promise<string> {
		try {
			return (await this.files.exists(path)) ? await this.files.read(path) : "";
		} catch {
			return "";
		}
	}
}

/** `vault` with the kept keys added; the vault's own context (people, date order) stays. */
export function withKept(vault: VaultContext | undefined, keys: readonly KeptKey[]): VaultContext | undefined {
	if (keys.length === 0) return vault;
	return { ...(vault ?? { people: [], dateOrder: null }), keptKeys: [...keys] };
}

/**
 * The core, with the kept keys passed on every normalize: the commands,
 * preview, fix on save and on leave, and the clean-up (merged with its
 * vault context) all go through it, so none can forget them. A vault
 * prepared through it gets the keys then, and passes as it is afterwards.
 */
export function keepingKeys<C extends CorePort>(core: C, keys: () => readonly KeptKey[]): CorePort {
	return {
		normalize: (text: string, settings: object, vault?: VaultContext | PreparedVault): Outcome =>
			core.normalize(text, settings, isPrepared(vault) ? vault : withKept(vault, keys())),
		noteFacts: (text, settings) => core.noteFacts(text, settings),
		vaultContext: (facts) => core.vaultContext(facts),
		prepareVault: (context) => core.prepareVault(withKept(context, keys()) ?? context),
		linterKeptKeys: (communityPlugins, linterData) => core.linterKeptKeys(communityPlugins, linterData),
	};
}

/** "date created, date modified (Obsidian Linter's YAML timestamp)": one line for the settings. */
export function describeKept(keys: readonly KeptKey[]): string {
	const byWriter = new Map<string, string[]>();
	for (const k of keys) byWriter.set(k.by, [...(byWriter.get(k.by) ?? []), k.key]);
	return [...byWriter].map(([by, names]) => `${names.join(", ")} (${by})`).join("; ");
}
