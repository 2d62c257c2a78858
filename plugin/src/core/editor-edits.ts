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
