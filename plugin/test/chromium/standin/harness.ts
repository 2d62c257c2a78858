// The page side of the Chromium test: installs the Obsidian stand-in, loads
// the bundled main.js the way Obsidian loads a plugin (its CommonJS body
// called with a `require` that serves "obsidian"), and gives the test
// helpers to drive it.

import { installDomHelpers } from "./dom";
import * as api from "./obsidian";
import type { StandinEditor } from "./editor";

installDomHelpers();

interface LoadedPlugin {
	settings: Record<string, unknown> & { ignoredFolders: string[]; fixOnSave: boolean; fixOnLeave: boolean };
	core: { timings: { compileMs: number; initMs: number }; version(): string; fixNames(): string[]; instances: number; normalize(text: string, settings: object): { text: string; changed: boolean; changes: unknown[]; edits: unknown[] } } | null;
	coreReady: Promise<unknown>;
	manifest: api.PluginManifest;
	onload(): Promise<void>;
	unload(): void;
	saveSettings(): Promise<void>;
}

type PluginClass = new (app: api.App, manifest: api.PluginManifest) => LoadedPlugin;

declare global {
	interface Window {
		__notemendMain?: (module: { exports: Record<string, unknown> }, exports: Record<string, unknown>, require: (id: string) => unknown) => void;
		harness: Harness;
	}
}

const sleep = (ms: number): Promise<void> => new Promise((r) => window.setTimeout(r, ms));

export class Harness {
	api = api;
	app = new api.App();
	plugin: LoadedPlugin | null = null;
	notices = api.notices;
	timings: Record<string, number> = {};
	manifest: api.PluginManifest = {
		id: "notemend",
		name: "Notemend",
		version: "0.1.0",
		minAppVersion: "1.4.0",
		description: "",
		author: "",
		dir: ".obsidian/plugins/notemend",
	};

	reset(files: Record<string, string>, options: api.AppOptions = {}): void {
		if (this.plugin) this.plugin.unload();
		this.plugin = null;
		document.querySelectorAll(".modal-container, .notice-container").forEach((el) => el.remove());
		this.notices.length = 0;
		this.app = new api.App(options);
		void this.app.vault.adapter.mkdir(this.manifest.dir ?? "");
		for (const [path, text] of Object.entries(files)) this.app.vault.addFile(path, text);
		this.renderWorkspace();
	}

	/** Calls main.js's module body, constructs the plugin and runs onload, as Obsidian does. */
	async load(): Promise<Record<string, number>> {
		const main = window.__notemendMain;
		if (!main) throw new Error("main.js was not loaded");
		const t0 = performance.now();
		const module: { exports: Record<string, unknown> } = { exports: {} };
		main(module, module.exports, (id: string) => {
			if (id === "obsidian") return api;
			throw new Error(`main.js required "${id}", which Obsidian does not provide`);
		});
		const t1 = performance.now();
		const Plugin = (module.exports.default ?? module.exports) as PluginClass;
		const plugin = new Plugin(this.app, { ...this.manifest });
		this.plugin = plugin;
		// Obsidian's Component.load: onload, then its children; the returned promise is awaited by the plugin manager.
		await plugin.onload();
		const t2 = performance.now();
		await plugin.coreReady;
		const t3 = performance.now();
		const core = plugin.core;
		if (!core) throw new Error("core not ready after coreReady");
		this.timings = {
			moduleEvalMs: t1 - t0,
			onloadMs: t2 - t1,
			readyAfterOnloadMs: t3 - t2,
			loadToReadyMs: t3 - t0,
			wasmCompileMs: core.timings.compileMs,
			wasmInitMs: core.timings.initMs,
		};
		return this.timings;
	}

	unload(): void {
		this.plugin?.unload();
		this.plugin = null;
	}

	file(path: string): string | undefined {
		return this.app.vault.peek(path);
	}

	async open(path: string, newLeaf = false): Promise<StandinEditor> {
		const file = this.app.vault.getFileByPath(path);
		if (!file) throw new Error(`no file ${path}`);
		const leaf = await this.app.workspace.openFile(file, newLeaf);
		const view = leaf.view;
		if (!(view instanceof api.MarkdownView)) throw new Error("opening a note left no editor");
		view.editor.onChange = () => this.renderWorkspace();
		this.renderWorkspace();
		return view.editor;
	}

	/** The user types `text` at the end of the active note (one undo step, as typing is). */
	type(text: string): void {
		const e = this.editor();
		e.replaceRange(text, e.offsetToPos(e.getValue().length));
	}

	/** Focus moves to the file explorer in the left sidebar. */
	focusSidebar(): void {
		const leaf = this.app.workspace.sidebarLeaves[0];
		if (leaf) this.app.workspace.setActiveLeaf(leaf);
	}

	/** Opens the graph view in a new tab: a view without a note. */
	openGraph(): void {
		this.app.workspace.openView("graph");
	}

	/** Right-click on a file or folder in the file explorer: the menu plugins filled through "file-menu". */
	fileMenu(path: string): api.Menu {
		const file = this.app.vault.getAbstractFileByPath(path);
		if (!file) throw new Error(`no file or folder ${path}`);
		const menu = new api.Menu();
		this.app.workspace.trigger("file-menu", menu, file, "file-explorer-context-menu");
		return menu;
	}

	/** Right-click (long-press on mobile) in the active editor: the menu plugins filled through "editor-menu". */
	editorMenu(): api.Menu {
		const view = this.app.workspace.getActiveViewOfType(api.MarkdownView);
		if (!view) throw new Error("no active markdown view");
		const menu = new api.Menu();
		this.app.workspace.trigger("editor-menu", menu, view.editor, view);
		return menu;
	}

	/** Focuses the tab (main area) at `index`. */
	activateTab(index: number): void {
		const leaf = this.app.workspace.leaves[index];
		if (!leaf) throw new Error(`no tab ${index}`);
		this.app.workspace.setActiveLeaf(leaf);
	}

	editor(): StandinEditor {
		const view = this.app.workspace.getActiveViewOfType(api.MarkdownView);
		if (!view) throw new Error("no active markdown view");
		return view.editor;
	}

	/** Runs a command as the palette does, then lets its async work settle. */
	async run(id: string): Promise<boolean> {
		const ok = this.app.commands.executeCommandById(id);
		await this.settle();
		return ok;
	}

	async settle(): Promise<void> {
		for (let i = 0; i < 5; i++) await sleep(0);
	}

	async waitFor(predicate: () => boolean, timeoutMs = 10000): Promise<void> {
		const end = performance.now() + timeoutMs;
		while (!predicate()) {
			if (performance.now() > end) throw new Error("timed out waiting");
			await sleep(5);
		}
	}

	commandIds(): string[] {
		return Object.keys(this.app.commands.commands);
	}

	commandNames(): Record<string, string> {
		const out: Record<string, string> = {};
		for (const [id, c] of Object.entries(this.app.commands.commands)) out[id] = c.name;
		return out;
	}

	/** Opens the plugin's settings tab inside a settings modal shaped like Obsidian's. */
	openSettings(): void {
		const tab = this.app.settingTabs[0];
		if (!tab) throw new Error("no settings tab");
		document.querySelectorAll(".modal-container").forEach((el) => el.remove());
		const container = document.body.createDiv({ cls: "modal-container mod-dim" });
		container.createDiv({ cls: "modal-bg" });
		const modal = container.createDiv({ cls: "modal mod-settings mod-sidebar-layout" });
		modal.createDiv({ cls: "modal-close-button" });
		const content = modal.createDiv({ cls: "modal-content vertical-tabs-container" });
		const header = content.createDiv({ cls: "vertical-tab-header" });
		const group = (title: string, items: string[], active?: string): void => {
			const g = header.createDiv({ cls: "vertical-tab-header-group" });
			g.createDiv({ cls: "vertical-tab-header-group-title", text: title });
			const list = g.createDiv({ cls: "vertical-tab-header-group-items" });
			for (const item of items) list.createDiv({ cls: `vertical-tab-nav-item${item === active ? " is-active" : ""}`, text: item });
		};
		group("Options", ["General", "Editor", "Files and links", "Appearance", "Hotkeys", "Community plugins"]);
		group("Community plugins", ["Notemend"], "Notemend");
		const holder = content.createDiv({ cls: "vertical-tab-content-container" });
		holder.appendChild(tab.containerEl);
		tab.display();
	}

	closeModals(): void {
		document.querySelectorAll(".modal-container").forEach((el) => el.remove());
	}

	/** A workspace behind the modals, so screenshots look like the app. */
	renderWorkspace(): void {
		let root = document.querySelector<HTMLElement>(".app-container");
		if (!root) {
			root = document.body.createDiv({ cls: "app-container" });
		}
		root.empty();
		const ribbon = root.createDiv({ cls: "workspace-ribbon" });
		for (let i = 0; i < 5; i++) ribbon.createDiv({ cls: "ribbon-icon" });
		const side = root.createDiv({ cls: "workspace-split mod-left-split" });
		side.createDiv({ cls: "nav-header", text: "Files" });
		const files = side.createDiv({ cls: "nav-files-container" });
		const active = this.app.workspace.getActiveFile()?.path;
		for (const f of this.app.vault.getMarkdownFiles().slice(0, 40)) {
			files.createDiv({ cls: `nav-file-title${f.path === active ? " is-active" : ""}`, text: f.path.replace(/\.md$/, "") });
		}
		const main = root.createDiv({ cls: "workspace-split mod-root" });
		const tab = main.createDiv({ cls: "workspace-tab-header" });
		tab.setText(active ? active.split("/").pop()?.replace(/\.md$/, "") ?? "" : "New tab");
		const view = main.createDiv({ cls: "view-content markdown-source-view" });
		const text = this.app.workspace.getActiveViewOfType(api.MarkdownView)?.editor.getValue() ?? "";
		view.createEl("pre", { cls: "cm-content", text });
	}
}

window.harness = new Harness();
