// When the plugin may touch a note on its own: ignored folders, the
// `notemend: false` opt-out, notes other plugins own, and the fix-on-save
// guard that keeps it from running twice at once or on its own output.

import type { NotemendSettings } from "./settings";
import { normalizeFolder } from "./settings";

export function isIgnored(path: string, ignoredFolders: readonly string[]): boolean {
	const p = normalizeFolder(path);
	return ignoredFolders.some((folder) => {
		const f = normalizeFolder(folder);
		return f !== "" && (p === f || p.startsWith(`${f}/`));
	});
}

/**
 * The YAML frontmatter block of a note (without the fences), or null, found
 * as the core finds it: a `---` line first (after a BOM), closed by the
 * first line that is `---` or `...` alone.
 */
export function frontmatterOf(text: string): string | null {
	const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
	const lines = body.split("\n");
	const bare = (line: string): string => line.replace(/\r+$/, "");
	if (lines.length < 2 || bare(lines[0] ?? "") !== "---") return null;
	for (let i = 1; i < lines.length; i++) {
		const line = bare(lines[i] ?? "");
		if (line === "---" || line === "...") return lines.slice(1, i).join("\n");
	}
	return null;
}

// A top-level `notemend` key (plain or quoted) whose value on its line is
// false, no or off (plain or quoted), a comment allowed after a space: the
// forms YAML reads as that key with a false or that word. Matched on the
// line with ASCII letters lowered, the core's "any case" (a regex's `i` flag
// would also fold `ſ` into `s`). `notemend:false` and `notemend: false#x`
// are other text to YAML.
// YAML's own `!!bool` or `!!str` tag may stand before the word.
const KEY = String.raw`^(?:notemend|"notemend"|'notemend')[ \t]*:`;
const WORD = String.raw`(?:!!(?:bool|str)[ \t]+)?(?:false|no|off|"(?:false|no|off)"|'(?:false|no|off)')(?:[ \t]+#[\s\S]*)?[ \t]*$`;
const OPT_OUT = new RegExp(`${KEY}[ \\t]+${WORD}`);
// `notemend:` alone (a comment allowed), its value on the one indented line
// below, which YAML reads the same way.
const BARE_KEY = new RegExp(`${KEY}(?:[ \\t]+#[\\s\\S]*)?[ \\t]*$`);
const BELOW = new RegExp(`^ +[ \\t]*${WORD}`);

const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * Whether a note opts out with `notemend: false` (also `off`, `no`) in its
 * frontmatter. The core decides the same way, on the same cases
 * (`tests/data/opt-out.json`), line by line, so YAML broken elsewhere in
 * the block does not stop a note from opting out.
 */
export function optsOut(text: string): boolean {
	const yaml = frontmatterOf(text);
	if (yaml === null) return false;
	const lines = yaml.split("\n").map((line) => asciiLower(line.endsWith("\r") ? line.slice(0, -1) : line));
	return lines.some((line, i) => OPT_OUT.test(line) || (BARE_KEY.test(line) && valueBelow(lines, i)));
}

const blankOrComment = (line: string): boolean => /^[ \t]*(?:#|$)/.test(line);

/**
 * Whether the entry whose key is on line `i` holds one content line, indented
 * and reading false, as the core reads an entry: it runs to the next line at
 * column 0 that is neither blank, a comment nor a `-` list item.
 */
function valueBelow(lines: readonly string[], i: number): boolean {
	const content: string[] = [];
	for (const line of lines.slice(i + 1)) {
		if (blankOrComment(line)) continue;
		if (!line.startsWith(" ") && !/^-(?:[ \t]|$)/.test(line)) break;
		content.push(line);
	}
	return content.length === 1 && BELOW.test(content[0] ?? "");
}

/**
 * The plugin that owns a note, or null. Such plugins mark their files with a
 * top-level frontmatter key named after themselves (`excalidraw-plugin:
 * parsed`, `kanban-plugin: basic`, `mindmap-plugin: basic`), and Excalidraw's
 * files end in `.excalidraw.md`; a repair would break their data.
 */
export function ownerPlugin(path: string, text: string): string | null {
	const yaml = frontmatterOf(text);
	if (yaml !== null) {
		// A key as the core reads one: a space, a tab or the line's end after its colon.
		const key = /^(["']?)([A-Za-z][\w-]*-plugin)\1[ \t]*:(?=[ \t\r]|$)/m.exec(yaml);
		if (key?.[2]) return key[2];
	}
	if (path.toLowerCase().endsWith(".excalidraw.md")) return "excalidraw-plugin";
	return null;
}

/** "excalidraw-plugin" → "Excalidraw". */
export function ownerLabel(owner: string): string {
	const name = owner.replace(/-plugin$/, "");
	return name.charAt(0).toUpperCase() + name.slice(1);
}

export type Trigger = "save" | "leave";

export type Decision = { run: true } | { run: false; reason: string };

/**
 * Fix on save / on leave. It never runs while another run is in progress
 * (our own edit can trigger a save or a leaf change), and never on text it
 * produced itself, so it cannot loop.
 */
export class AutoFixGuard {
	private running = false;
	private readonly produced = new Map<string, string>();

	decide(trigger: Trigger, path: string, text: string, settings: NotemendSettings): Decision {
		if (trigger === "save" && !settings.fixOnSave) return { run: false, reason: "fix on save is off" };
		if (trigger === "leave" && !settings.fixOnLeave) return { run: false, reason: "fix on leave is off" };
		if (!path.toLowerCase().endsWith(".md")) return { run: false, reason: "not a markdown note" };
		if (this.running) return { run: false, reason: "already running" };
		if (isIgnored(path, settings.ignoredFolders)) return { run: false, reason: "in an ignored folder" };
		if (this.produced.get(path) === text) return { run: false, reason: "already fixed" };
		if (optsOut(text)) return { run: false, reason: "the note opts out" };
		const owner = ownerPlugin(path, text);
		if (owner) return { run: false, reason: `the note belongs to ${owner}` };
		return { run: true };
	}

	/** Runs `fix` with the guard held; `fix` returns the text it left in the note. */
	run(path: string, fix: () => string): string {
		this.running = true;
		try {
			const result = fix();
			this.produced.set(path, result);
			if (this.produced.size > 500) {
				const oldest = this.produced.keys().next().value;
				if (oldest !== undefined) this.produced.delete(oldest);
			}
			return result;
		} finally {
			this.running = false;
		}
	}

	get busy(): boolean {
		return this.running;
	}
}
