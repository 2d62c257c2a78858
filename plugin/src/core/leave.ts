// Fix on leave: when is a note "left", and was it edited while it was open?
// Leaving means another note was opened (Obsidian's file-open with a note);
// focus moving to a sidebar, a graph or a PDF is not leaving, and a note that
// was only read is never touched.

/** The note just left, with the text it had when it was opened (null when unknown). */
export interface LeftNote {
	path: string;
	openedText: string | null;
}

export function isNotePath(path: string): boolean {
	return path.toLowerCase().endsWith(".md");
}

export class LeaveTracker {
	private current: { path: string; openedText: string | null; edited: boolean } | null = null;

	/**
	 * A file became the active one (`path` null: a view without a file).
	 * Returns the note left when another note was opened and the one left
	 * was edited since it was opened; null otherwise.
	 */
	opened(path: string | null, text: string | null): LeftNote | null {
		if (path === null || !isNotePath(path)) return null;
		if (this.current?.path === path) return null;
		const left = this.current;
		this.current = { path, openedText: text, edited: false };
		return left?.edited ? { path: left.path, openedText: left.openedText } : null;
	}

	/** The editor of `path` changed (Obsidian's editor-change). */
	edited(path: string): void {
		if (this.current?.path === path) this.current.edited = true;
	}

	renamed(oldPath: string, newPath: string): void {
		if (this.current?.path === oldPath) this.current.path = newPath;
	}

	/** The note now open, for tests. */
	get openNote(): string | null {
		return this.current?.path ?? null;
	}
}

/** Whether the text of a note left differs from what it had when opened (unknown counts as edited). */
export function changedSinceOpened(left: LeftNote, text: string): boolean {
	return left.openedText === null || left.openedText !== text;
}
