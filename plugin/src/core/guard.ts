// When the plugin may touch a note on its own: ignored folders, the
// `notemend: false` opt-out, and the fix-on-save guard that keeps it from
// running twice at once or on its own output.

import type { NotemendSettings } from "./settings";
import { normalizeFolder } from "./settings";

export function isIgnored(path: string, ignoredFolders: readonly string[]): boolean {
	const p = normalizeFolder(path);
	return ignoredFolders.some((folder) => {
		const f = normalizeFolder(folder);
		return f !== "" && (p === f || p.startsWith(`${f}/`));
	});
}

/** The YAML frontmatter block of a note (without the fences), or null. */
export function frontmatterOf(text: string): string | null {
	const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
	const match = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(body);
	if (match) return match[1] ?? "";
	return /^---\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.test(body) ? "" : null;
}

/** Whether a note opts out with `notemend: false` (also `off`, `no`) in its frontmatter. */
export function optsOut(text: string): boolean {
	const yaml = frontmatterOf(text);
	if (yaml === null) return false;
	return /^notemend[ \t]*:[ \t]*(?:false|no|off|"false"|'false')[ \t]*(?:#.*)?$/im.test(yaml);
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
