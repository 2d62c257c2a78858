// The vault index for single notes. The clean-up reads every note, collects
// the core's facts of each (people named, day-first and month-first date
// evidence) and hands the vault context built from them to every repair.
// Fix on save, on leave and the note commands repair one note, with no time
// to read the vault: this module keeps the facts per note path, filled once
// in the background and kept current from the vault's events (only the note
// that changed is read again), and builds the context from them when a
// repair asks, again only when some facts changed since. The notes it counts
// are the clean-up's: not opted out, not owned by another plugin, not in an
// ignored folder or Obsidian's excluded files. All judging stays in the core.

import { isIgnored, optsOut, ownerPlugin } from "./guard";
import type { VaultPort } from "./ports";
import { isExcluded } from "./scope";
import type { NotemendSettings } from "./settings";
import type { CorePort, NoteFacts, Outcome, PreparedVault, VaultContext } from "./types";

/** What the index asks of the core. */
export type FactsCore = Pick<CorePort, "noteFacts" | "vaultContext">;

export interface VaultFactsOptions {
	/** Obsidian's "Excluded files" (`userIgnoreFilters`), read when the context is built. */
	excluded?: () => readonly string[];
	/** Awaited between batches of the fill; the plugin passes a zero-delay timeout. */
	yieldToUi?: () => Promise<void>;
	batchSize?: number;
}

const DEFAULT_BATCH = 50;

// The clean-up orders notes with `localeCompare` (the first spelling of a
// name wins in the index); a collator without arguments orders the same way,
// faster.
const byPath = new Intl.Collator().compare;

/** What is a note: what `getMarkdownFiles` lists. */
const isNote = (path: string): boolean => path.endsWith(".md");

/**
 * The settings the facts are read with. The plugin's own switches and the
 * ignored folders (applied when the context is built) do not change what
 * the core finds in a note; any other setting may.
 */
function factsKeyOf(settings: NotemendSettings): string {
	const { fixes, dateFormat, dateOrder, dateKeys, runningTextDates, peopleKeys, knownPeople, me, tagsBeforeFields } = settings;
	return JSON.stringify([fixes, dateFormat, dateOrder, dateKeys, runningTextDates, peopleKeys, knownPeople, me, tagsBeforeFields]);
}

function sameFacts(a: NoteFacts, b: NoteFacts): boolean {
	return a.dayFirst === b.dayFirst && a.monthFirst === b.monthFirst && a.people.length === b.people.length && a.people.every((p, i) => p === b.people[i]);
}

export class VaultFacts {
	private readonly facts = new Map<string, NoteFacts>();
	/** Reads in flight, path → token: an answer whose token was replaced (a newer read, a delete, a rename) is dropped. */
	private readonly reading = new Map<string, number>();
	private token = 0;
	/** The current fill; bumped to cancel one (stop, clear, a restart). */
	private run = 0;
	private filling: Promise<void> | null = null;
	private fillingKey: string | null = null;
	/** The settings the facts were read with, once a fill has completed. */
	private factsKey: string | null = null;
	private started = false;
	private stopped = false;
	private dirty = true;
	private built: { scope: string; context: VaultContext } | null = null;
	/**
	 * The paths whose facts count, in the clean-up's order, for the scope
	 * they were listed in: listed again only when a note comes or goes or
	 * the scope changes, not when a note's facts change (what a save
	 * brings), as sorting ten thousand paths takes some 30 ms.
	 */
	private listed: { scope: string; paths: string[] } | null = null;

	constructor(
		private readonly vault: Pick<VaultPort, "markdownPaths" | "read">,
		private readonly core: () => FactsCore | null,
		private readonly settings: () => NotemendSettings,
		private readonly options: VaultFactsOptions = {},
	) {}

	/** Whether a first fill has completed (and the index is on): single notes get the context. */
	get ready(): boolean {
		return !this.stopped && this.settings().vaultIndex && this.factsKey !== null;
	}

	/** How many notes have facts kept (before the ignored folders and excluded files are left out). */
	get size(): number {
		return this.facts.size;
	}

	/** The facts kept for `path`, if any. */
	factsOf(path: string): NoteFacts | undefined {
		return this.facts.get(path);
	}

	/** Starts the first fill (once the layout is ready and the core loaded). */
	start(): Promise<void> {
		this.started = true;
		return this.sync();
	}

	/**
	 * After a change of settings: turned off, the facts are dropped; turned
	 * on, or with settings that change what the core reads in a note, every
	 * note is read again in the background (the facts read so far serve
	 * meanwhile).
	 */
	sync(): Promise<void> {
		if (!this.started || this.stopped) return Promise.resolve();
		const settings = this.settings();
		if (!settings.vaultIndex) {
			this.clear();
			return Promise.resolve();
		}
		const key = factsKeyOf(settings);
		if (this.filling && this.fillingKey === key) return this.filling;
		if (!this.filling && this.factsKey === key) return Promise.resolve();
		return this.fill(key);
	}

	/** On unload: cancels a fill between batches, ignores later events, forgets the facts. */
	stop(): void {
		this.stopped = true;
		this.clear();
	}

	/** A note created or modified: read it again. */
	async changed(path: string): Promise<void> {
		if (!this.listening || !isNote(path)) return;
		await this.readNote(path);
	}

	/** A note or a folder deleted: its facts, or those of every note below it, go. */
	deleted(path: string): void {
		if (!this.listening) return;
		for (const p of this.under(path)) {
			this.reading.delete(p);
			if (this.facts.delete(p)) {
				this.dirty = true;
				this.listed = null;
			}
		}
	}

	/** A note or a folder renamed: the facts move with it; a note not read yet is read at its new path. */
	renamed(oldPath: string, newPath: string): void {
		if (!this.listening) return;
		if (this.facts.has(newPath)) return; // moved already, with its folder
		let moved = false;
		const reread: string[] = [];
		for (const p of this.under(oldPath)) {
			const to = newPath + p.slice(oldPath.length);
			const facts = this.facts.get(p);
			if (this.reading.delete(p) && isNote(to)) reread.push(to);
			if (facts) {
				this.facts.delete(p);
				// A note renamed to another extension is no note any more.
				if (isNote(to)) this.facts.set(to, facts);
				this.dirty = true;
				this.listed = null;
				moved = true;
			}
		}
		if (!moved && isNote(newPath) && !reread.includes(newPath)) reread.push(newPath);
		for (const p of reread) void this.readNote(p);
	}

	/**
	 * The vault context for a single note: none until the first fill has
	 * completed or while the setting is off; built again only when some
	 * facts, the ignored folders or the excluded files changed since.
	 */
	context(): VaultContext | undefined {
		if (!this.ready) return undefined;
		const settings = this.settings();
		const excluded = this.options.excluded?.() ?? [];
		const scope = JSON.stringify([settings.ignoredFolders, excluded]);
		if (!this.dirty && this.built?.scope === scope) return this.built.context;
		const core = this.core();
		if (!core) return undefined;
		if (this.listed?.scope !== scope) {
			const paths = [...this.facts.keys()].filter((p) => !isIgnored(p, settings.ignoredFolders) && !isExcluded(p, excluded)).sort(byPath);
			this.listed = { scope, paths };
		}
		const facts = this.listed.paths.flatMap((p) => this.facts.get(p) ?? []);
		try {
			const context = core.vaultContext(facts);
			this.built = { scope, context };
			this.dirty = false;
			return context;
		} catch (error) {
			// A core crash here must not stop a save: the note is repaired as without the index.
			console.error("Notemend: building the vault index failed", error);
			return undefined;
		}
	}

	private get listening(): boolean {
		return !this.stopped && this.settings().vaultIndex && (this.filling !== null || this.factsKey !== null);
	}

	/** The paths kept or being read that are `path` or below it. */
	private under(path: string): string[] {
		const inside = (p: string): boolean => p === path || p.startsWith(`${path}/`);
		return [...new Set([...this.facts.keys(), ...this.reading.keys()])].filter(inside);
	}

	private clear(): void {
		this.run += 1;
		this.facts.clear();
		this.reading.clear();
		this.filling = null;
		this.fillingKey = null;
		this.factsKey = null;
		this.built = null;
		this.listed = null;
		this.dirty = true;
	}

	private fill(key: string): Promise<void> {
		const run = ++this.run;
		this.fillingKey = key;
		const filling = this.readAll(run, key).finally(() => {
			if (this.run === run) {
				this.filling = null;
				this.fillingKey = null;
			}
		});
		this.filling = filling;
		return filling;
	}

	private async readAll(run: number, key: string): Promise<void> {
		// No core yet: nothing can be read, and an empty index must not pass for a filled one.
		if (!this.core()) return;
		const batch = this.options.batchSize ?? DEFAULT_BATCH;
		const paths = this.vault.markdownPaths();
		for (let i = 0; i < paths.length; i += batch) {
			if (this.run !== run) return;
			await Promise.all(paths.slice(i, i + batch).map((p) => this.readNote(p)));
			if (this.options.yieldToUi) await this.options.yieldToUi();
		}
		if (this.run !== run) return;
		this.factsKey = key;
		this.dirty = true;
	}

	/** Reads one note and keeps its facts, or drops them if it opts out, belongs to another plugin or cannot be read. */
	private async readNote(path: string): Promise<void> {
		const core = this.core();
		if (!core) return;
		const token = ++this.token;
		this.reading.set(path, token);
		let facts: NoteFacts | null = null;
		try {
			const text = await this.vault.read(path);
			if (this.reading.get(path) !== token) return;
			if (!optsOut(text) && !ownerPlugin(path, text)) facts = core.noteFacts(text, this.settings());
		} catch (error) {
			if (this.reading.get(path) !== token) return;
			// Gone meanwhile (its delete event follows), or the core failed on it: it counts for nothing.
			if (this.vaultHolds(path)) console.error(`Notemend: reading the facts of ${path} failed`, error);
		}
		this.reading.delete(path);
		const old = this.facts.get(path);
		if (facts === null) {
			if (old) {
				this.facts.delete(path);
				this.dirty = true;
				this.listed = null;
			}
		} else if (!old || !sameFacts(old, facts)) {
			this.facts.set(path, facts);
			this.dirty = true;
			if (!old) this.listed = null;
		}
	}

	private vaultHolds(path: string): boolean {
		return this.vault.markdownPaths().includes(path);
	}
}

/**
 * The core, with the vault's context on every normalize that brings none of
 * its own: fix on save and on leave, the note commands and the preview all
 * go through it. The clean-up passes its own context, which stays.
 * Wrap it around `keepingKeys` so the kept keys join whichever context. The
 * plugin passes the context prepared in the core (core/prepared-vault).
 */
export function withVaultContext(core: CorePort, context: () => VaultContext | PreparedVault | undefined): CorePort {
	return {
		normalize: (text: string, settings: object, vault?: VaultContext | PreparedVault): Outcome => core.normalize(text, settings, vault ?? context()),
		noteFacts: (text, settings) => core.noteFacts(text, settings),
		vaultContext: (facts) => core.vaultContext(facts),
		prepareVault: (prepared) => core.prepareVault(prepared),
		linterKeptKeys: (communityPlugins, linterData) => core.linterKeptKeys(communityPlugins, linterData),
	};
}
