// The preview of one note: its changes grouped into items that can be
// applied on their own. Changes whose ranges overlap (two fixes on the same
// words) form one item; each item owns the composed edits inside its span, so
// applying any set of items gives exactly what the full run gives there.

import { applyEdits } from "./types";
import type { Change, Diagnostic, Outcome, TextEdit } from "./types";

export interface PreviewItem {
	id: number;
	changes: Change[];
	edits: TextEdit[];
	checked: boolean;
}

export interface PreviewModel {
	/** The text the preview was made from; apply only if the note still holds it. */
	source: string;
	items: PreviewItem[];
	diagnostics: Diagnostic[];
}

interface Span {
	from: number;
	to: number;
}

function touches(a: Span, b: Span): boolean {
	if (a.from < b.to && b.from < a.to) return true;
	const empty = a.from === a.to || b.from === b.to;
	return empty && a.from <= b.to && b.from <= a.to;
}

export function buildPreview(source: string, outcome: Outcome): PreviewModel {
	type Group = { span: Span; changes: Change[]; edits: TextEdit[] };
	const groups: Group[] = [];
	const add = (span: Span, change?: Change, edit?: TextEdit): void => {
		let merged: Group = { span: { ...span }, changes: change ? [change] : [], edits: edit ? [edit] : [] };
		for (let i = groups.length - 1; i >= 0; i--) {
			const g = groups[i];
			if (g && touches(g.span, merged.span)) {
				merged = {
					span: { from: Math.min(g.span.from, merged.span.from), to: Math.max(g.span.to, merged.span.to) },
					changes: [...g.changes, ...merged.changes],
					edits: [...g.edits, ...merged.edits],
				};
				groups.splice(i, 1);
			}
		}
		groups.push(merged);
	};
	for (const c of outcome.changes) add({ from: c.from, to: c.to }, c);
	for (const e of outcome.edits) add({ from: e.from, to: e.to }, undefined, e);
	// Merging may make a group reach one seen earlier: settle until stable.
	let settled = false;
	while (!settled) {
		settled = true;
		outer: for (let i = 0; i < groups.length; i++) {
			for (let j = i + 1; j < groups.length; j++) {
				const a = groups[i];
				const b = groups[j];
				if (a && b && touches(a.span, b.span)) {
					groups[i] = {
						span: { from: Math.min(a.span.from, b.span.from), to: Math.max(a.span.to, b.span.to) },
						changes: [...a.changes, ...b.changes],
						edits: [...a.edits, ...b.edits],
					};
					groups.splice(j, 1);
					settled = false;
					break outer;
				}
			}
		}
	}
	groups.sort((a, b) => a.span.from - b.span.from);
	const items = groups
		.filter((g) => g.edits.length > 0 && g.changes.length > 0)
		.map((g, id) => ({
			id,
			changes: [...g.changes].sort((a, b) => a.from - b.from || a.line - b.line),
			edits: [...g.edits].sort((a, b) => a.from - b.from),
			checked: true,
		}));
	return { source, items, diagnostics: outcome.diagnostics };
}

/** The edits of the ticked items (all items when `all`). */
export function selectedEdits(model: PreviewModel, all = false): TextEdit[] {
	return model.items.filter((i) => all || i.checked).flatMap((i) => i.edits).sort((a, b) => a.from - b.from);
}

/** The text the ticked items give. */
export function previewResult(model: PreviewModel, all = false): string {
	return applyEdits(model.source, selectedEdits(model, all));
}

/**
 * A visible form of a short before/after snippet: line breaks and tabs
 * shown, and spaces where they are invisible (at either end, or all of it).
 */
export function visible(text: string, max = 160): string {
	const marked = text.replace(/\r\n/g, "↵\n").replace(/\n/g, "⏎").replace(/\t/g, "→");
	const m = /^( *)([\s\S]*?)( *)$/.exec(marked);
	const shown = m ? "·".repeat(m[1]?.length ?? 0) + (m[2] ?? "") + "·".repeat(m[3]?.length ?? 0) : marked;
	return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}

/** The text around a change on its line, for the before/after view (shown with `visible`). */
export function changeContext(source: string, change: { from: number; to: number }, width = 32): { prefix: string; suffix: string } {
	const lineStart = change.from > 0 ? source.lastIndexOf("\n", change.from - 1) + 1 : 0;
	const nl = source.indexOf("\n", change.to);
	const lineEnd = nl === -1 ? source.length : nl;
	const start = Math.max(lineStart, change.from - width);
	const end = Math.min(lineEnd, change.to + width);
	return {
		prefix: (start > lineStart ? "…" : "") + source.slice(start, change.from),
		suffix: source.slice(change.to, end) + (end < lineEnd ? "…" : ""),
	};
}

/** A message split at its `code` spans, for showing them as code. */
export function messageParts(message: string): { text: string; code: boolean }[] {
	const parts: { text: string; code: boolean }[] = [];
	const re = /`([^`]+)`/g;
	let at = 0;
	for (let m = re.exec(message); m; m = re.exec(message)) {
		if (m.index > at) parts.push({ text: message.slice(at, m.index), code: false });
		parts.push({ text: m[1] ?? "", code: true });
		at = m.index + m[0].length;
	}
	if (at < message.length) parts.push({ text: message.slice(at), code: false });
	return parts;
}
