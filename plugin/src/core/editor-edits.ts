// UTF-16 offset edits → editor changes, for ONE editor transaction (so the
// editor maps the cursor and folds through it and undo sees one step).

import type { TextEdit } from "./types";

export interface Pos {
	line: number;
	ch: number;
}

export interface PosChange {
	from: Pos;
	to: Pos;
	text: string;
}

/** Editor changes for `edits` against the editor's current text, offset by `base` (a selection start). */
export function toEditorChanges(edits: readonly TextEdit[], offsetToPos: (offset: number) => Pos, base = 0): PosChange[] {
	return [...edits]
		.sort((a, b) => a.from - b.from)
		.map((e) => ({ from: offsetToPos(base + e.from), to: offsetToPos(base + e.to), text: e.insert }));
}

/** A line/ch position from an offset, for texts not open in an editor. */
export function offsetToPosIn(text: string, offset: number): Pos {
	let line = 0;
	let lineStart = 0;
	for (let i = 0; i < offset && i < text.length; i++) {
		if (text.charCodeAt(i) === 10) {
			line += 1;
			lineStart = i + 1;
		}
	}
	return { line, ch: Math.min(offset, text.length) - lineStart };
}

/**
 * Where the cursor at `pos` should be after `edits` (offsets against `text`).
 * CodeMirror keeps a cursor before text inserted right at it; for a line
 * break inserted at the start of the cursor's line (a blank line before a
 * heading) that moves the cursor up to the new blank line, away from what it
 * was on. So: a cursor at a line start stays with its line when the insertion
 * ends with a line break; everywhere else it maps as CodeMirror maps it
 * (before an insertion, to the start of a replacement it was inside).
 */
export function mapCursor(text: string, edits: readonly TextEdit[], pos: number): number {
	const atLineStart = pos === 0 || text.charCodeAt(pos - 1) === 10;
	let delta = 0;
	for (const e of [...edits].sort((a, b) => a.from - b.from || a.to - b.to)) {
		const growth = e.insert.length - (e.to - e.from);
		if (e.to < pos || (e.to === pos && e.from < pos)) {
			delta += growth;
		} else if (e.from === pos && e.to === pos) {
			if (atLineStart && e.insert.endsWith("\n")) delta += growth;
		} else if (e.from >= pos) {
			break;
		} else {
			return e.from + delta;
		}
	}
	return pos + delta;
}
