// A faithful in-memory stand-in of the parts of the `obsidian` module the
// plugin uses: same class names, same DOM structure and CSS classes as
// Obsidian's own, same semantics for Vault.process, the data adapter,
// commands (with the built-in editor:save-file), workspace leaves and events.

import type { DomElementInfo } from "./dom";
import { StandinEditor } from "./editor";

export type EventRef = { name: string; cb: (...args: unknown[]) => unknown; owner: Events };

export class Events {
	private handlers = new Map<string, EventRef[]>();
	on(name: string, cb: (...args: unknown[]) => unknown): EventRef {
		const ref = { name, cb, owner: this };
		const list = this.handlers.get(name) ?? [];
		list.push(ref);
		this.handlers.set(name, list);
		return ref;
	}
	offref(ref: EventRef): void {
		const list = this.handlers.get(ref.name) ?? [];
		this.handlers.set(ref.name, list.filter((r) => r !== ref));
	}
	trigger(name: string, ...args: unknown[]): void {
		for (const ref of [...(this.handlers.get(name) ?? [])]) ref.cb(...args);
	}
}

export function normalizePath(path: string): string {
	return path.replace(/\\/g, "/").replace(/\/+/g, "/").replace(/^\/|\/$/g, "").normalize("NFC") || "/";
}

export class TAbstractFile {
	path: string;
	name: string;
	constructor(path: string) {
		this.path = path;
		this.name = path.split("/").pop() ?? path;
	}
}

export class TFile extends TAbstractFile {
	basename: string;
	extension: string;
	stat = { ctime: Date.now(), mtime: Date.now(), size: 0 };
	constructor(path: string) {
		super(path);
		const dot = this.name.lastIndexOf(".");
		this.basename = dot > 0 ? this.name.slice(0, dot) : this.name;
		this.extension = dot > 0 ? this.name.slice(dot + 1) : "";
	}
}

export class TFolder extends TAbstractFile {
	isRoot(): boolean {
		return this.path === "/";
	}
}

export class MenuItem {
	title = "";
	icon: string | null = null;
	callback: ((evt: MouseEvent | KeyboardEvent) => unknown) | null = null;
	setTitle(title: string | DocumentFragment): this {
		this.title = typeof title === "string" ? title : (title.textContent ?? "");
		return this;
	}
	setIcon(icon: string | null): this {
		this.icon = icon;
		return this;
	}
	setSection(_section: string): this {
		return this;
	}
	onClick(callback: (evt: MouseEvent | KeyboardEvent) => unknown): this {
		this.callback = callback;
		return this;
	}
}

/** A context menu: what plugins add to it through "file-menu" and "editor-menu". */
export class Menu {
	readonly items: MenuItem[] = [];
	addItem(cb: (item: MenuItem) => unknown): this {
		const item = new MenuItem();
		cb(item);
		this.items.push(item);
		return this;
	}
	addSeparator(): this {
		return this;
	}
	/** What a click on the item titled `title` does. */
	click(title: string): void {
		const item = this.items.find((i) => i.title === title);
		if (!item?.callback) throw new Error(`no menu item "${title}"`);
		item.callback(new MouseEvent("click"));
	}
}

const sleep = (ms: number): Promise<void> => new Promise((r) => window.setTimeout(r, ms));

/** The vault's file system (and the plugin data under .obsidian). */
export class InMemoryAdapter {
	readonly files = new Map<string, string>();
	readonly folders = new Set<string>();
	writes = 0;
	async exists(path: string): Promise<boolean> {
		const p = normalizePath(path);
		return this.files.has(p) || this.folders.has(p);
	}
	async read(path: string): Promise<string> {
		const p = normalizePath(path);
		const data = this.files.get(p);
		if (data === undefined) throw new Error(`ENOENT: no such file, open '${p}'`);
		return data;
	}
	async write(path: string, data: string): Promise<void> {
		const p = normalizePath(path);
		const parent = p.split("/").slice(0, -1).join("/");
		if (parent && !this.folders.has(parent)) throw new Error(`ENOENT: no such directory '${parent}'`);
		this.files.set(p, data);
		this.writes += 1;
	}
	async mkdir(path: string): Promise<void> {
		const parts = normalizePath(path).split("/");
		for (let i = 1; i <= parts.length; i++) this.folders.add(parts.slice(0, i).join("/"));
	}
	async rmdir(path: string, recursive: boolean): Promise<void> {
		const p = normalizePath(path);
		const inside = [...this.files.keys(), ...this.folders].filter((k) => k.startsWith(`${p}/`));
		if (inside.length > 0 && !recursive) throw new Error(`ENOTEMPTY: '${p}'`);
		for (const k of inside) {
			this.files.delete(k);
			this.folders.delete(k);
		}
		this.folders.delete(p);
	}
	async list(path: string): Promise<{ files: string[]; folders: string[] }> {
		const p = normalizePath(path);
		const direct = (k: string): boolean => k.startsWith(`${p}/`) && !k.slice(p.length + 1).includes("/");
		return { files: [...this.files.keys()].filter(direct), folders: [...this.folders].filter(direct) };
	}
}

export class Vault extends Events {
	readonly configDir = ".obsidian";
	readonly adapter = new InMemoryAdapter();
	private readonly tfiles = new Map<string, TFile>();
	/** Test hook: delay inside Vault.process, to make a long clean-up observable. */
	processDelayMs = 0;
	processCalls = 0;

	addFile(path: string, text: string): TFile {
		const p = normalizePath(path);
		const parts = p.split("/");
		for (let i = 1; i < parts.length; i++) this.adapter.folders.add(parts.slice(0, i).join("/"));
		this.adapter.files.set(p, text);
		const file = new TFile(p);
		file.stat.size = text.length;
		this.tfiles.set(p, file);
		return file;
	}
	getFiles(): TFile[] {
		return [...this.tfiles.values()];
	}
	getMarkdownFiles(): TFile[] {
		return this.getFiles().filter((f) => f.extension === "md");
	}
	getAbstractFileByPath(path: string): TAbstractFile | null {
		const p = normalizePath(path);
		if (p === "/") return new TFolder("/");
		return this.tfiles.get(p) ?? (this.adapter.folders.has(p) ? new TFolder(p) : null);
	}
	/** The vault's config (.obsidian/app.json): what tests put in `config`. */
	readonly config: Record<string, unknown> = {};
	getConfig(key: string): unknown {
		return this.config[key] ?? null;
	}
	getFileByPath(path: string): TFile | null {
		return this.tfiles.get(normalizePath(path)) ?? null;
	}
	async read(file: TFile): Promise<string> {
		return this.adapter.read(file.path);
	}
	/** Test hook: delay inside cachedRead, to make a long scan observable. */
	readDelayMs = 0;
	async cachedRead(file: TFile): Promise<string> {
		if (this.readDelayMs > 0) await sleep(this.readDelayMs);
		return this.adapter.read(file.path);
	}
	/** Sync peek for tests. */
	peek(path: string): string | undefined {
		return this.adapter.files.get(normalizePath(path));
	}
	async modify(file: TFile, data: string): Promise<void> {
		this.adapter.files.set(file.path, data);
		file.stat.mtime = Date.now();
		file.stat.size = data.length;
		this.trigger("modify", file);
	}
	/** Atomically reads, transforms and writes the file (no await between read and write). */
	async process(file: TFile, fn: (data: string) => string): Promise<string> {
		this.processCalls += 1;
		if (this.processDelayMs > 0) await sleep(this.processDelayMs);
		const data = this.adapter.files.get(file.path);
		if (data === undefined) throw new Error(`ENOENT: ${file.path}`);
		const out = fn(data);
		if (out !== data) {
			this.adapter.files.set(file.path, out);
			file.stat.mtime = Date.now();
			file.stat.size = out.length;
			this.trigger("modify", file);
		}
		return out;
	}
	async delete(file: TFile): Promise<void> {
		this.adapter.files.delete(file.path);
		this.tfiles.delete(file.path);
		this.trigger("delete", file);
	}
}

export class MetadataCache extends Events {
	constructor(private readonly vault: Vault) {
		super();
	}
	getFileCache(file: TFile): { frontmatter?: Record<string, string> } | null {
		const text = this.vault.peek(file.path);
		if (text === undefined) return null;
		const m = /^---\n([\s\S]*?)\n---/.exec(text);
		if (!m) return {};
		const frontmatter: Record<string, string> = {};
		for (const line of (m[1] ?? "").split("\n")) {
			const kv = /^([\w-]+):\s*(.*)$/.exec(line);
			if (kv?.[1]) frontmatter[kv[1]] = kv[2] ?? "";
		}
		return { frontmatter };
	}
}

export class Component {
	private readonly cleanups: (() => unknown)[] = [];
	load(): void {
		(this as unknown as { onload?: () => unknown }).onload?.();
	}
	unload(): void {
		while (this.cleanups.length) this.cleanups.pop()?.();
		(this as unknown as { onunload?: () => unknown }).onunload?.();
	}
	register(cb: () => unknown): void {
		this.cleanups.push(cb);
	}
	registerEvent(ref: EventRef): void {
		this.cleanups.push(() => ref.owner.offref(ref));
	}
	registerDomEvent(el: HTMLElement | Window | Document, type: string, cb: EventListener): void {
		el.addEventListener(type, cb);
		this.cleanups.push(() => el.removeEventListener(type, cb));
	}
	registerInterval(id: number): number {
		this.cleanups.push(() => window.clearInterval(id));
		return id;
	}
}

export class MarkdownView extends Component {
	editor: StandinEditor;
	file: TFile | null = null;
	constructor(
		public leaf: WorkspaceLeaf,
		private readonly app: App,
	) {
		super();
		this.editor = new StandinEditor("");
		// Obsidian's "editor-change": every change of the document, typed or not; loading a file is none.
		this.editor.changeListeners.push(() => this.app.workspace.trigger("editor-change", this.editor, this));
	}
	getViewType(): string {
		return "markdown";
	}
	/** Opens a file: what the view held is saved first (as Obsidian does), then the new text goes into the editor, undo history fresh. */
	async setFile(file: TFile): Promise<void> {
		if (this.file && this.file !== file) await this.save();
		this.file = file;
		this.editor.load(await this.app.vault.read(file));
	}
	/** What Obsidian's save does: the editor's text to disk, if it differs. */
	async save(): Promise<void> {
		if (this.file && this.app.vault.peek(this.file.path) !== this.editor.getValue()) await this.app.vault.modify(this.file, this.editor.getValue());
	}
}

/** A view without a note: the file explorer, search, outline (sidebars), a graph or an empty tab (main area). */
export class ItemView extends Component {
	file: TFile | null = null;
	constructor(
		public leaf: WorkspaceLeaf,
		private readonly type: string,
	) {
		super();
	}
	getViewType(): string {
		return this.type;
	}
}

export type Side = "main" | "left" | "right";

export class WorkspaceLeaf {
	view: MarkdownView | ItemView;
	constructor(
		private readonly app: App,
		readonly side: Side = "main",
		viewType = "markdown",
	) {
		this.view = viewType === "markdown" ? new MarkdownView(this, app) : new ItemView(this, viewType);
	}
	/** Opening a note in a leaf showing something else replaces its view with an editor. */
	async openFile(file: TFile): Promise<MarkdownView> {
		if (!(this.view instanceof MarkdownView)) this.view = new MarkdownView(this, this.app);
		await this.view.setFile(file);
		return this.view;
	}
}

export class Workspace extends Events {
	/** Leaves of the main area (tabs). */
	leaves: WorkspaceLeaf[] = [];
	/** Leaves of the sidebars: the file explorer on the left, the outline on the right. */
	sidebarLeaves: WorkspaceLeaf[];
	activeLeaf: WorkspaceLeaf | null = null;
	private lastFile: TFile | null = null;
	layoutReady = true;
	constructor(private readonly app: App) {
		super();
		this.sidebarLeaves = [new WorkspaceLeaf(app, "left", "file-explorer"), new WorkspaceLeaf(app, "right", "outline")];
	}
	getActiveViewOfType<T>(type: abstract new (...args: never[]) => T): T | null {
		const view = this.activeLeaf?.view;
		return view instanceof (type as unknown as typeof MarkdownView) ? (view as unknown as T) : null;
	}
	/** The note of the active tab; with a sidebar focused, the last one (as Obsidian does). */
	getActiveFile(): TFile | null {
		return this.lastFile;
	}
	getLeavesOfType(type: string): WorkspaceLeaf[] {
		return [...this.leaves, ...this.sidebarLeaves].filter((l) => l.view.getViewType() === type);
	}
	getLeaf(newLeaf?: boolean): WorkspaceLeaf {
		if (!newLeaf && this.activeLeaf?.side === "main") return this.activeLeaf;
		if (!newLeaf && this.leaves[0]) return this.leaves[0];
		const leaf = new WorkspaceLeaf(this.app);
		this.leaves.push(leaf);
		return leaf;
	}
	/**
	 * Focuses a leaf: "active-leaf-change"; and for a tab of the main area,
	 * "file-open" with its note (null for a graph or an empty tab). Focusing a
	 * sidebar opens nothing.
	 */
	setActiveLeaf(leaf: WorkspaceLeaf): void {
		if (this.activeLeaf === leaf) return;
		this.activeLeaf = leaf;
		this.trigger("active-leaf-change", leaf);
		if (leaf.side === "main") {
			this.lastFile = leaf.view.file;
			this.trigger("file-open", leaf.view.file);
		}
	}
	/** Opens a file in the active tab (or a new one), as clicking a note does: "file-open" once. */
	async openFile(file: TFile, newLeaf = false): Promise<WorkspaceLeaf> {
		const leaf = this.getLeaf(newLeaf);
		await leaf.openFile(file);
		if (this.activeLeaf !== leaf) {
			this.setActiveLeaf(leaf);
		} else {
			this.lastFile = file;
			this.trigger("file-open", file);
		}
		return leaf;
	}
	/** Opens a view without a note (a graph) in a new tab and focuses it. */
	openView(type: string): WorkspaceLeaf {
		const leaf = new WorkspaceLeaf(this.app, "main", type);
		this.leaves.push(leaf);
		this.setActiveLeaf(leaf);
		return leaf;
	}
	detach(leaf: WorkspaceLeaf): void {
		this.leaves = this.leaves.filter((l) => l !== leaf);
		leaf.view.file = null;
		if (this.activeLeaf === leaf) {
			this.activeLeaf = null;
			const next = this.leaves[0];
			if (next) this.setActiveLeaf(next);
		}
	}
	onLayoutReady(cb: () => void): void {
		cb();
	}
}

export interface Command {
	id: string;
	name: string;
	callback?: () => unknown;
	checkCallback?: (checking: boolean) => unknown;
	editorCallback?: (editor: StandinEditor, ctx: MarkdownView) => unknown;
	editorCheckCallback?: (checking: boolean, editor: StandinEditor, ctx: MarkdownView) => unknown;
	hotkeys?: unknown[];
}

/** How Obsidian's own save command is shaped: `checkCallback` now, `callback` up to 1.8. */
export type SaveShape = "checkCallback" | "callback";

export class Commands {
	readonly commands: Record<string, Command> = {};
	/** A copy of the save command as Obsidian made it, before any plugin wrapped it. */
	readonly builtinSave: Readonly<Command>;
	saves = 0;
	constructor(
		private readonly app: App,
		saveShape: SaveShape = "checkCallback",
	) {
		// Obsidian's own save command: writes the active editor to disk.
		const save = (): boolean => {
			const view = this.app.workspace.getActiveViewOfType(MarkdownView);
			if (!view) return false;
			this.saves += 1;
			void view.save();
			return true;
		};
		this.commands["editor:save-file"] = this.builtinSave =
			saveShape === "checkCallback"
				? {
						id: "editor:save-file",
						name: "Save current file",
						checkCallback: (checking: boolean) => (checking ? this.app.workspace.getActiveViewOfType(MarkdownView) !== null : save()),
					}
				: { id: "editor:save-file", name: "Save current file", callback: () => void save() };
		this.builtinSave = { ...this.builtinSave };
	}
	addCommand(command: Command): void {
		this.commands[command.id] = command;
	}
	removeCommand(id: string): void {
		delete this.commands[id];
	}
	executeCommandById(id: string): boolean {
		const command = this.commands[id];
		if (!command) return false;
		const view = this.app.workspace.getActiveViewOfType(MarkdownView);
		if (command.editorCheckCallback) {
			if (!view) return false;
			return command.editorCheckCallback(false, view.editor, view) !== false;
		}
		if (command.editorCallback) {
			if (!view) return false;
			void command.editorCallback(view.editor, view);
			return true;
		}
		if (command.checkCallback) {
			if (!command.checkCallback(true)) return false;
			void command.checkCallback(false);
			return true;
		}
		if (command.callback) {
			void command.callback();
			return true;
		}
		return false;
	}
}

export interface AppOptions {
	saveShape?: SaveShape;
	/** The vault's config, e.g. `userIgnoreFilters` (Settings → Files and links → Excluded files). */
	config?: Record<string, unknown>;
}

export class App {
	vault = new Vault();
	metadataCache = new MetadataCache(this.vault);
	workspace = new Workspace(this);
	commands: Commands;
	settingTabs: PluginSettingTab[] = [];
	constructor(options: AppOptions = {}) {
		this.commands = new Commands(this, options.saveShape);
		Object.assign(this.vault.config, options.config ?? {});
	}
}

/**
 * Another plugin wrapping the save command the way Linter did: it captures
 * whatever is there and puts that back when it unloads. `calls` counts the
 * saves it saw.
 */
export class OtherSavePlugin {
	calls = 0;
	private readonly restore: () => void;
	constructor(app: App) {
		const command = app.commands.commands["editor:save-file"];
		if (!command) throw new Error("no save command");
		const check = command.checkCallback;
		const plain = command.callback;
		if (check) {
			command.checkCallback = (checking: boolean) => {
				if (!checking) this.calls += 1;
				return check(checking);
			};
			this.restore = () => {
				command.checkCallback = check;
			};
		} else {
			command.callback = () => {
				this.calls += 1;
				return plain?.();
			};
			this.restore = () => {
				command.callback = plain;
			};
		}
	}
	unload(): void {
		this.restore();
	}
}

export interface PluginManifest {
	id: string;
	name: string;
	version: string;
	minAppVersion: string;
	description: string;
	author: string;
	isDesktopOnly?: boolean;
	dir?: string;
}

export class Plugin extends Component {
	constructor(
		public app: App,
		public manifest: PluginManifest,
	) {
		super();
	}
	addCommand(command: Command): Command {
		if (command.hotkeys && command.hotkeys.length > 0) throw new Error("plugins must not set default hotkeys");
		const full = { ...command, id: `${this.manifest.id}:${command.id}` };
		this.app.commands.addCommand(full);
		this.register(() => this.app.commands.removeCommand(full.id));
		return full;
	}
	addSettingTab(tab: PluginSettingTab): void {
		this.app.settingTabs.push(tab);
		this.register(() => {
			this.app.settingTabs = this.app.settingTabs.filter((t) => t !== tab);
		});
	}
	async loadData(): Promise<unknown> {
		const path = `${this.manifest.dir}/data.json`;
		if (!(await this.app.vault.adapter.exists(path))) return null;
		return JSON.parse(await this.app.vault.adapter.read(path)) as unknown;
	}
	async saveData(data: unknown): Promise<void> {
		await this.app.vault.adapter.mkdir(this.manifest.dir ?? "");
		await this.app.vault.adapter.write(`${this.manifest.dir}/data.json`, JSON.stringify(data, null, 2));
	}
}

export abstract class PluginSettingTab {
	containerEl: HTMLElement;
	constructor(
		public app: App,
		public plugin: Plugin,
	) {
		this.containerEl = createDiv({ cls: "vertical-tab-content" });
	}
	abstract display(): void;
	hide(): void {
		this.containerEl.empty();
	}
}

abstract class ValueComponent<T> {
	protected changeHandler: ((value: T) => unknown) | null = null;
	disabled = false;
	abstract getValue(): T;
	abstract setValue(value: T): this;
	onChange(cb: (value: T) => unknown): this {
		this.changeHandler = cb;
		return this;
	}
	setDisabled(disabled: boolean): this {
		this.disabled = disabled;
		return this;
	}
}

export class ToggleComponent extends ValueComponent<boolean> {
	toggleEl: HTMLElement;
	private value = false;
	constructor(containerEl: HTMLElement) {
		super();
		this.toggleEl = containerEl.createDiv({ cls: "checkbox-container" });
		const input = this.toggleEl.createEl("input", { type: "checkbox", attr: { tabindex: 0 } });
		input.addEventListener("click", (e) => e.preventDefault());
		this.toggleEl.addEventListener("click", () => {
			if (this.disabled) return;
			this.setValue(!this.value);
			this.changeHandler?.(this.value);
		});
	}
	getValue(): boolean {
		return this.value;
	}
	setValue(value: boolean): this {
		this.value = value;
		this.toggleEl.toggleClass("is-enabled", value);
		return this;
	}
}

class InputComponent<E extends HTMLInputElement | HTMLTextAreaElement> extends ValueComponent<string> {
	constructor(public inputEl: E) {
		super();
		inputEl.addEventListener("input", () => this.changeHandler?.(inputEl.value));
	}
	getValue(): string {
		return this.inputEl.value;
	}
	setValue(value: string): this {
		this.inputEl.value = value;
		return this;
	}
	setPlaceholder(text: string): this {
		this.inputEl.placeholder = text;
		return this;
	}
}

export class TextComponent extends InputComponent<HTMLInputElement> {
	constructor(containerEl: HTMLElement) {
		super(containerEl.createEl("input", { type: "text" }));
	}
}

export class TextAreaComponent extends InputComponent<HTMLTextAreaElement> {
	constructor(containerEl: HTMLElement) {
		super(containerEl.createEl("textarea"));
	}
}

export class DropdownComponent extends ValueComponent<string> {
	selectEl: HTMLSelectElement;
	constructor(containerEl: HTMLElement) {
		super();
		this.selectEl = containerEl.createEl("select", { cls: "dropdown" });
		this.selectEl.addEventListener("change", () => this.changeHandler?.(this.selectEl.value));
	}
	addOption(value: string, display: string): this {
		this.selectEl.createEl("option", { value, text: display });
		return this;
	}
	getValue(): string {
		return this.selectEl.value;
	}
	setValue(value: string): this {
		this.selectEl.value = value;
		return this;
	}
}

export class ButtonComponent {
	buttonEl: HTMLButtonElement;
	disabled = false;
	constructor(containerEl: HTMLElement) {
		this.buttonEl = containerEl.createEl("button");
	}
	setButtonText(text: string): this {
		this.buttonEl.setText(text);
		return this;
	}
	setCta(): this {
		this.buttonEl.addClass("mod-cta");
		return this;
	}
	setWarning(): this {
		this.buttonEl.addClass("mod-warning");
		return this;
	}
	setDisabled(disabled: boolean): this {
		this.disabled = disabled;
		this.buttonEl.disabled = disabled;
		return this;
	}
	setTooltip(text: string): this {
		this.buttonEl.setAttribute("aria-label", text);
		return this;
	}
	onClick(cb: (evt: MouseEvent) => unknown): this {
		this.buttonEl.addEventListener("click", (evt) => {
			if (!this.disabled) cb(evt);
		});
		return this;
	}
}

export class Setting {
	settingEl: HTMLElement;
	infoEl: HTMLElement;
	nameEl: HTMLElement;
	descEl: HTMLElement;
	controlEl: HTMLElement;
	components: unknown[] = [];
	constructor(containerEl: HTMLElement) {
		this.settingEl = containerEl.createDiv({ cls: "setting-item" });
		this.infoEl = this.settingEl.createDiv({ cls: "setting-item-info" });
		this.nameEl = this.infoEl.createDiv({ cls: "setting-item-name" });
		this.descEl = this.infoEl.createDiv({ cls: "setting-item-description" });
		this.controlEl = this.settingEl.createDiv({ cls: "setting-item-control" });
	}
	setName(name: string | DocumentFragment): this {
		this.nameEl.empty();
		if (typeof name === "string") this.nameEl.setText(name);
		else this.nameEl.appendChild(name);
		return this;
	}
	setDesc(desc: string | DocumentFragment): this {
		this.descEl.empty();
		if (typeof desc === "string") this.descEl.setText(desc);
		else this.descEl.appendChild(desc);
		return this;
	}
	setClass(cls: string): this {
		this.settingEl.addClass(cls);
		return this;
	}
	setHeading(): this {
		this.settingEl.addClass("setting-item-heading");
		return this;
	}
	setDisabled(disabled: boolean): this {
		this.settingEl.toggleClass("is-disabled", disabled);
		return this;
	}
	private add<C>(component: C, cb: (c: C) => unknown): this {
		this.components.push(component);
		cb(component);
		return this;
	}
	addToggle(cb: (c: ToggleComponent) => unknown): this {
		return this.add(new ToggleComponent(this.controlEl), cb);
	}
	addText(cb: (c: TextComponent) => unknown): this {
		return this.add(new TextComponent(this.controlEl), cb);
	}
	addTextArea(cb: (c: TextAreaComponent) => unknown): this {
		return this.add(new TextAreaComponent(this.controlEl), cb);
	}
	addDropdown(cb: (c: DropdownComponent) => unknown): this {
		return this.add(new DropdownComponent(this.controlEl), cb);
	}
	addButton(cb: (c: ButtonComponent) => unknown): this {
		return this.add(new ButtonComponent(this.controlEl), cb);
	}
}

export class Modal {
	containerEl: HTMLElement;
	modalEl: HTMLElement;
	titleEl: HTMLElement;
	contentEl: HTMLElement;
	isOpen = false;
	constructor(public app: App) {
		this.containerEl = createDiv({ cls: "modal-container mod-dim" });
		this.containerEl.createDiv({ cls: "modal-bg" });
		this.modalEl = this.containerEl.createDiv({ cls: "modal" });
		const close = this.modalEl.createDiv({ cls: "modal-close-button", attr: { "aria-label": "Close" } });
		close.addEventListener("click", () => this.close());
		const header = this.modalEl.createDiv({ cls: "modal-header" });
		this.titleEl = header.createDiv({ cls: "modal-title" });
		this.contentEl = this.modalEl.createDiv({ cls: "modal-content" });
	}
	/** Obsidian's modal scope: Esc closes the modal on top, as the × does. */
	private readonly onKey = (evt: KeyboardEvent): void => {
		if (evt.key !== "Escape" || !this.isOpen) return;
		const open = [...document.querySelectorAll(".modal-container")];
		if (open.at(-1) !== this.containerEl) return;
		evt.preventDefault();
		this.close();
	};
	open(): void {
		document.body.appendChild(this.containerEl);
		this.isOpen = true;
		document.addEventListener("keydown", this.onKey);
		this.onOpen();
	}
	close(): void {
		if (!this.isOpen) return;
		this.isOpen = false;
		document.removeEventListener("keydown", this.onKey);
		this.containerEl.detach();
		this.onClose();
	}
	setTitle(title: string): this {
		this.titleEl.setText(title);
		return this;
	}
	setContent(content: string | DocumentFragment): this {
		this.contentEl.empty();
		if (typeof content === "string") this.contentEl.setText(content);
		else this.contentEl.appendChild(content);
		return this;
	}
	onOpen(): void {}
	onClose(): void {}
}

export const notices: string[] = [];

export class Notice {
	noticeEl: HTMLElement;
	constructor(message: string | DocumentFragment, _duration?: number) {
		let container = document.body.querySelector(".notice-container");
		if (!container) container = document.body.createDiv({ cls: "notice-container" });
		this.noticeEl = (container as HTMLElement).createDiv({ cls: "notice" });
		if (typeof message === "string") this.noticeEl.setText(message);
		else this.noticeEl.appendChild(message);
		notices.push(this.noticeEl.textContent ?? "");
	}
	setMessage(message: string): this {
		this.noticeEl.setText(message);
		return this;
	}
	hide(): void {
		this.noticeEl.detach();
	}
}

export const Platform = { isDesktop: true, isMobile: false, isDesktopApp: true, isMobileApp: false };

export type { DomElementInfo };
