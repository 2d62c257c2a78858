// Transport shapes of the WASM core (src/wasm.rs). Offsets are UTF-16 code
// units, what the editor counts.

export type FixName = "mojibake" | "duplicate-names" | "dates" | "tasks" | "frontmatter" | "whitespace";

export interface Change {
	fix: FixName;
	from: number;
	to: number;
	/** 1-based line in the text that was normalised. */
	line: number;
	before: string;
	after: string;
	message: string;
}

export interface TextEdit {
	from: number;
	to: number;
	insert: string;
}

export interface Diagnostic {
	fix: FixName | null;
	line: number;
	message: string;
}

export interface Outcome {
	text: string;
	changed: boolean;
	changes: Change[];
	edits: TextEdit[];
	diagnostics: Diagnostic[];
	warnings: string[];
}

export interface NoteFacts {
	people: string[];
	dayFirst: number;
	monthFirst: number;
}

/** A frontmatter key another plugin writes in its own format: the dates fix leaves its value as written. */
export interface KeptKey {
	key: string;
	/** Who writes it, for the reports: "Obsidian Linter's YAML timestamp". */
	by: string;
}

export interface VaultContext {
	people: string[];
	dateOrder: "auto" | "dmy" | "mdy" | null;
	/** Keys other plugins write (see core/kept-keys); none when absent. */
	keptKeys?: KeptKey[];
}

/**
 * A vault context the core holds, prepared (src/prepared.rs): handed over
 * once, then passed to `normalize` in its place, so a repair neither copies
 * the context's names across the WASM boundary nor prepares them again.
 * Its memory is the core's: free it when it is replaced or no longer used.
 */
export interface PreparedVault {
	/** The context it was prepared from, kept and passed on. */
	readonly context: VaultContext;
	/** False once freed, or once the core instance that holds it was replaced after a crash. */
	readonly usable: boolean;
	/** Releases it in the core; calling it again does nothing. */
	free(): void;
}

/** Whether `vault` is a prepared vault rather than a context object. */
export function isPrepared(vault: VaultContext | PreparedVault | undefined): vault is PreparedVault {
	return vault !== undefined && "free" in vault;
}

/** What the logic modules need from the core; the WASM wrapper implements it, tests may fake it. */
export interface CorePort {
	/** A prepared vault gives the same outcome as the context it was prepared from. */
	normalize(text: string, settings: object, vault?: VaultContext | PreparedVault): Outcome;
	noteFacts(text: string, settings: object): NoteFacts;
	vaultContext(facts: NoteFacts[]): VaultContext;
	/** Hands `context` to the core once, for many normalize calls. */
	prepareVault(context: VaultContext): PreparedVault;
	/** The keys Obsidian Linter writes, from the vault's community-plugins.json and the Linter's data.json (either may be ""). */
	linterKeptKeys(communityPlugins: string, linterData: string): KeptKey[];
}

/** Applies sorted, non-overlapping edits to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
	const sorted = [...edits].sort((a, b) => a.from - b.from || a.to - b.to);
	let out = "";
	let at = 0;
	for (const e of sorted) {
		if (e.from < at || e.to < e.from || e.to > text.length) {
			throw new Error(`edit ${e.from}..${e.to} overlaps another or lies outside the text`);
		}
		out += text.slice(at, e.from) + e.insert;
		at = e.to;
	}
	return out + text.slice(at);
}
