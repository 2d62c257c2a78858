// The Obsidian side of the ports the logic modules use.

import type { App, Editor } from "obsidian";
import { TFile, normalizePath } from "obsidian";
import type { EditorPort } from "./core/actions";
import { mapCursor, toEditorChanges } from "./core/editor-edits";
import type { VaultPort } from "./core/ports";
import type { TextEdit } from "./core/types";

export function editorPort(editor: Editor): EditorPort {
	return {
		getValue: () => editor.getValue(),
		apply: (edits: readonly TextEdit[], base = 0) => {
			const before = editor.getValue();
			const cursor = editor.somethingSelected() ? null : editor.posToOffset(editor.getCursor("head"));
			const changes = toEditorChanges(edits, (offset) => editor.offsetToPos(offset), base);
			editor.transaction({ changes }, "notemend");
			if (cursor === null) return;
			// A cursor at the start of a line keeps to that line (see mapCursor).
			const shifted = edits.map((e) => ({ from: e.from + base, to: e.to + base, insert: e.insert }));
			const wanted = editor.offsetToPos(mapCursor(before, shifted, cursor));
			const now = editor.getCursor("head");
			if (now.line !== wanted.line || now.ch !== wanted.ch) editor.setCursor(wanted);
		},
		selection: () => {
			const a = editor.posToOffset(editor.getCursor("from"));
			const b = editor.posToOffset(editor.getCursor("to"));
			return { from: Math.min(a, b), to: Math.max(a, b) };
		},
	};
}

export function vaultPort(app: App): VaultPort {
	const file = (path: string): TFile => {
		const found = app.vault.getAbstractFileByPath(path);
		if (!(found instanceof TFile)) throw new Error(`${path} is not a file`);
		return found;
	};
	const adapter = app.vault.adapter;
	return {
		markdownPaths: () => app.vault.getMarkdownFiles().map((f) => f.path),
		read: (path) => app.vault.cachedRead(file(path)),
		process: (path, transform) => app.vault.process(file(path), transform),
		exists: (path) => app.vault.getAbstractFileByPath(path) instanceof TFile,
		data: {
			read: (path) => adapter.read(normalizePath(path)),
			write: (path, data) => adapter.write(normalizePath(path), data),
			exists: (path) => adapter.exists(normalizePath(path)),
			mkdir: async (path) => {
				const parts = normalizePath(path).split("/");
				for (let i = 1; i <= parts.length; i++) {
					const dir = parts.slice(0, i).join("/");
					if (!(await adapter.exists(dir))) await adapter.mkdir(dir);
				}
			},
			rmdir: (path) => adapter.rmdir(normalizePath(path), true),
			listFolders: async (path) => {
				const p = normalizePath(path);
				return (await adapter.exists(p)) ? (await adapter.list(p)).folders : [];
			},
		},
	};
}

/** Obsidian's "Excluded files" (Settings → Files and links), read from the vault's config. */
export function userIgnoreFilters(app: App): string[] {
	const vault = app.vault as unknown as { getConfig?: (key: string) => unknown };
	const filters = typeof vault.getConfig === "function" ? vault.getConfig("userIgnoreFilters") : null;
	return Array.isArray(filters) ? filters.filter((f): f is string => typeof f === "string") : [];
}
