// An in-memory stand-in of Obsidian's Editor (CodeMirror 6 underneath):
// positions are {line, ch} in UTF-16 units; a transaction's changes are all
// relative to the document before it, are applied at once, map the
// selection (as CodeMirror does: a cursor at an insertion point stays before
// it) and the folds, and make ONE undo step.

export interface EditorPosition {
	line: number;
	ch: number;
}

export interface EditorChange {
	from: EditorPosition;
	to?: EditorPosition;
	text: string;
}

export interface EditorTransaction {
	changes?: EditorChange[];
	replaceSelection?: string;
	selection?: { from: EditorPosition; to?: EditorPosition };
}

interface Snapshot {
	text: string;
	anchor: number;
	head: number;
	folds: { from: number; to: number }[];
}

export class StandinEditor {
	private text: string;
	private anchor = 0;
	private head = 0;
	folds: { from: number; to: number }[] = [];
	readonly undoStack: Snapshot[] = [];
	readonly transactions: { origin: string | undefined; changes: number }[] = [];
	onChange: (() => void) | null = null;
	/** Called after every change of the document (not when a file is loaded): the view turns it into "editor-change". */
	readonly changeListeners: (() => void)[] = [];

	constructor(text: string) {
		this.text = text;
	}

	getValue(): string {
		return this.text;
	}

	/** Like CodeMirror's setValue through Obsidian: replaces the whole document (one undo step). */
	setValue(text: string): void {
		this.transaction({ changes: [{ from: this.offsetToPos(0), to: this.offsetToPos(this.text.length), text }] }, "setValue");
	}

	/** Loads a file: no undo step, cursor at the start, no folds. */
	load(text: string): void {
		this.text = text;
		this.anchor = this.head = 0;
		this.folds = [];
		this.undoStack.length = 0;
		this.transactions.length = 0;
	}

	lineCount(): number {
		return this.text.split("\n").length;
	}

	getLine(line: number): string {
		return this.text.split("\n")[line] ?? "";
	}

	offsetToPos(offset: number): EditorPosition {
		const o = Math.max(0, Math.min(offset, this.text.length));
		let line = 0;
		let start = 0;
		for (;;) {
			const nl = this.text.indexOf("\n", start);
			if (nl === -1 || nl >= o) break;
			line += 1;
			start = nl + 1;
		}
		return { line, ch: o - start };
	}

	posToOffset(pos: EditorPosition): number {
		const lines = this.text.split("\n");
		const line = Math.max(0, Math.min(pos.line, lines.length - 1));
		let offset = 0;
		for (let i = 0; i < line; i++) offset += (lines[i]?.length ?? 0) + 1;
		return offset + Math.max(0, Math.min(pos.ch, lines[line]?.length ?? 0));
	}

	getCursor(which: "from" | "to" | "head" | "anchor" = "head"): EditorPosition {
		const from = Math.min(this.anchor, this.head);
		const to = Math.max(this.anchor, this.head);
		const offset = which === "from" ? from : which === "to" ? to : which === "anchor" ? this.anchor : this.head;
		return this.offsetToPos(offset);
	}

	setCursor(pos: EditorPosition | number, ch?: number): void {
		const p = typeof pos === "number" ? { line: pos, ch: ch ?? 0 } : pos;
		this.anchor = this.head = this.posToOffset(p);
	}

	setSelection(anchor: EditorPosition, head?: EditorPosition): void {
		this.anchor = this.posToOffset(anchor);
		this.head = this.posToOffset(head ?? anchor);
	}

	getSelection(): string {
		return this.text.slice(Math.min(this.anchor, this.head), Math.max(this.anchor, this.head));
	}

	somethingSelected(): boolean {
		return this.anchor !== this.head;
	}

	replaceSelection(text: string): void {
		this.transaction({ replaceSelection: text }, "input");
	}

	replaceRange(text: string, from: EditorPosition, to?: EditorPosition): void {
		this.transaction({ changes: [{ from, to: to ?? from, text }] }, "input");
	}

	fold(from: number, to: number): void {
		this.folds.push({ from, to });
	}

	undo(): boolean {
		const last = this.undoStack.pop();
		if (!last) return false;
		this.text = last.text;
		this.anchor = last.anchor;
		this.head = last.head;
		this.folds = last.folds;
		this.onChange?.();
		for (const listener of this.changeListeners) listener();
		return true;
	}

	transaction(tx: EditorTransaction, origin?: string): void {
		type Raw = { from: number; to: number; text: string };
		let raw: Raw[] = [];
		if (tx.replaceSelection !== undefined) {
			raw.push({ from: Math.min(this.anchor, this.head), to: Math.max(this.anchor, this.head), text: tx.replaceSelection });
		}
		for (const c of tx.changes ?? []) {
			const from = this.posToOffset(c.from);
			const to = c.to ? this.posToOffset(c.to) : from;
			if (to < from) throw new RangeError("change ends before it starts");
			raw.push({ from, to, text: c.text });
		}
		raw = raw.sort((a, b) => a.from - b.from || a.to - b.to);
		for (let i = 1; i < raw.length; i++) {
			const prev = raw[i - 1];
			const cur = raw[i];
			if (prev && cur && cur.from < prev.to) throw new RangeError("overlapping changes in one transaction");
		}
		this.undoStack.push({ text: this.text, anchor: this.anchor, head: this.head, folds: this.folds.map((f) => ({ ...f })) });
		let out = "";
		let at = 0;
		for (const c of raw) {
			out += this.text.slice(at, c.from) + c.text;
			at = c.to;
		}
		out += this.text.slice(at);
		const map = (pos: number, assoc: -1 | 1): number => {
			let delta = 0;
			for (const c of raw) {
				const ins = c.text.length;
				if (c.from === c.to) {
					if (pos < c.from || (pos === c.from && assoc < 0)) return pos + delta;
					delta += ins;
					continue;
				}
				if (pos <= c.from) return pos + delta;
				if (pos >= c.to) {
					delta += ins - (c.to - c.from);
					continue;
				}
				return c.from + delta + (assoc > 0 ? ins : 0);
			}
			return pos + delta;
		};
		this.text = out;
		if (tx.selection) {
			this.anchor = this.posToOffset(tx.selection.from);
			this.head = this.posToOffset(tx.selection.to ?? tx.selection.from);
		} else if (this.anchor === this.head) {
			// CodeMirror's SelectionRange.map: a cursor maps with assoc -1, so a
			// cursor at an insertion point stays before the inserted text.
			this.anchor = this.head = map(this.head, -1);
		} else {
			// A range keeps out what is inserted at its edges: its start maps forward, its end back.
			const forward = this.anchor < this.head;
			const from = map(Math.min(this.anchor, this.head), 1);
			const to = Math.max(from, map(Math.max(this.anchor, this.head), -1));
			this.anchor = forward ? from : to;
			this.head = forward ? to : from;
		}
		this.folds = this.folds.map((f) => ({ from: map(f.from, 1), to: map(f.to, -1) })).filter((f) => f.to > f.from);
		this.transactions.push({ origin, changes: raw.length });
		this.onChange?.();
		for (const listener of this.changeListeners) listener();
	}
}
