// What the note commands do, on an editor port: normalise the note, fix
// mojibake in a selection, apply a preview, fix on save or on leave.
// Every edit goes through ONE editor transaction.

import type { Trigger } from "./guard";
import { AutoFixGuard, isIgnored, optsOut, ownerLabel, ownerPlugin } from "./guard";
import type { PreviewModel } from "./preview";
import { buildPreview, selectedEdits } from "./preview";
import type { NotemendSettings } from "./settings";
import { fixLabel, withOnly } from "./settings";
import type { Change, CorePort, Diagnostic, TextEdit } from "./types";

export interface EditorPort {
	getValue(): string;
	/** Applies edits (offsets against the current text, plus `base`) as one transaction. */
	apply(edits: readonly TextEdit[], base?: number): void;
	/** The main selection as UTF-16 offsets. */
	selection(): { from: number; to: number };
}

export type NoteReport =
	| { kind: "opted-out" }
	| { kind: "owned"; owner: string }
	| { kind: "ignored" }
	| { kind: "unchanged"; diagnostics: Diagnostic[] }
	| { kind: "changed"; changes: Change[]; diagnostics: Diagnostic[] }
	| { kind: "stale" }
	| { kind: "empty-selection" };

/** "3 changes (Whitespace 2, Mojibake 1)". */
export function describeChanges(changes: readonly Change[]): string {
	const counts = new Map<string, number>();
	for (const c of changes) counts.set(c.fix, (counts.get(c.fix) ?? 0) + 1);
	const parts = [...counts.entries()].map(([fix, n]) => `${fixLabel(fix)} ${n}`);
	const n = changes.length;
	return `${n} ${n === 1 ? "change" : "changes"} (${parts.join(", ")})`;
}

export function reportMessage(report: NoteReport): string {
	switch (report.kind) {
		case "opted-out":
			return "This note opts out of Notemend (notemend: false in its frontmatter).";
		case "owned":
			return `This note belongs to the ${ownerLabel(report.owner)} plugin (${report.owner} in its frontmatter); Notemend leaves it alone.`;
		case "ignored":
			return "This note is in an ignored folder.";
		case "unchanged":
			return report.diagnostics.length > 0
				? `Nothing to fix; ${report.diagnostics.length} left alone on purpose.`
				: "Nothing to fix.";
		case "changed":
			return `Notemend: ${describeChanges(report.changes)}.`;
		case "stale":
			return "The note changed since the preview; nothing was applied.";
		case "empty-selection":
			return "Select some text first.";
	}
}

export function normalizeNote(editor: EditorPort, core: CorePort, settings: NotemendSettings, path: string): NoteReport {
	const text = editor.getValue();
	if (optsOut(text)) return { kind: "opted-out" };
	const owner = ownerPlugin(path, text);
	if (owner) return { kind: "owned", owner };
	if (isIgnored(path, settings.ignoredFolders)) return { kind: "ignored" };
	const outcome = core.normalize(text, settings);
	if (!outcome.changed) return { kind: "unchanged", diagnostics: outcome.diagnostics };
	editor.apply(outcome.edits);
	return { kind: "changed", changes: outcome.changes, diagnostics: outcome.diagnostics };
}

export function previewNote(editor: EditorPort, core: CorePort, settings: NotemendSettings): PreviewModel {
	const text = editor.getValue();
	return buildPreview(text, core.normalize(text, settings));
}

export function applyPreview(editor: EditorPort, model: PreviewModel, all: boolean): NoteReport {
	if (editor.getValue() !== model.source) return { kind: "stale" };
	const edits = selectedEdits(model, all);
	const items = model.items.filter((i) => all || i.checked);
	if (edits.length === 0) return { kind: "unchanged", diagnostics: [] };
	editor.apply(edits);
	return { kind: "changed", changes: items.flatMap((i) => i.changes), diagnostics: [] };
}

/** Mojibake only, inside the selection; the rest of the note is left as it is. */
export function fixMojibakeInSelection(editor: EditorPort, core: CorePort, settings: NotemendSettings): NoteReport {
	const { from, to } = editor.selection();
	if (from === to) return { kind: "empty-selection" };
	const selected = editor.getValue().slice(from, to);
	const outcome = core.normalize(selected, withOnly(settings, ["mojibake"]));
	if (!outcome.changed) return { kind: "unchanged", diagnostics: outcome.diagnostics };
	editor.apply(outcome.edits, from);
	return { kind: "changed", changes: outcome.changes, diagnostics: outcome.diagnostics };
}

/**
 * Fix on save / on leave through the editor. Returns whether it changed the
 * note. Guarded: never twice at once, never on its own output.
 */
export function autoFixInEditor(
	trigger: Trigger,
	path: string,
	editor: EditorPort,
	core: CorePort,
	settings: NotemendSettings,
	guard: AutoFixGuard,
): boolean {
	const text = editor.getValue();
	const decision = guard.decide(trigger, path, text, settings);
	if (!decision.run) return false;
	let changed = false;
	guard.run(path, () => {
		const outcome = core.normalize(text, settings);
		if (!outcome.changed) return text;
		editor.apply(outcome.edits);
		changed = true;
		return editor.getValue();
	});
	return changed;
}

/** Fix on leave for a note no longer open in an editor: a transform for Vault.process. */
export function autoFixText(
	trigger: Trigger,
	path: string,
	text: string,
	core: CorePort,
	settings: NotemendSettings,
	guard: AutoFixGuard,
): string {
	if (!guard.decide(trigger, path, text, settings).run) return text;
	return guard.run(path, () => core.normalize(text, settings).text);
}
