// Wiring only: settings, the WASM core, commands, the save hook and the
// leave handler. The logic lives in ./core (no Obsidian imports).

import type { Editor, EventRef, MarkdownFileInfo } from "obsidian";
import { MarkdownView, Notice, Plugin, TFile, TFolder } from "obsidian";
import type { EditorPort } from "./core/actions";
import {
	applyPreview,
	autoFixInEditor,
	autoFixText,
	fixMojibakeInSelection,
	normalizeNote,
	previewNote,
	reportMessage,
} from "./core/actions";
import { applyPlan, backupDirFor, backupRootOf, listCleanups, pruneCleanups, scanVault, undoCleanup } from "./core/cleanup";
import type { NotemendCore } from "./core/core";
import { KeptKeys, keepingKeys } from "./core/kept-keys";
import { AutoFixGuard, ownerPlugin } from "./core/guard";
import { LeaveTracker, changedSinceOpened } from "./core/leave";
import { HeldVault } from "./core/prepared-vault";
import type { SaveCommand } from "./core/save-hook";
import { wrapSaveCommand } from "./core/save-hook";
import type { NotemendSettings } from "./core/settings";
import { mergeSettings } from "./core/settings";
import type { CorePort, KeptKey } from "./core/types";
import { VaultFacts, withVaultContext } from "./core/vault-facts";
import { editorPort, userIgnoreFilters, vaultPort } from "./obsidian-adapter";
import { CleanupModal } from "./ui/cleanup-modal";
import type { HistorySteps } from "./ui/history-modal";
import { CleanupHistoryModal } from "./ui/history-modal";
import { PreviewModal } from "./ui/preview-modal";
import { NotemendSettingTab } from "./ui/settings-tab";
import { loadCore } from "./wasm";

const yieldToUi = (): Promise<void> => new Promise((resolve) => window.setTimeout(resolve, 0));

export default class NotemendPlugin extends Plugin {
	settings: NotemendSettings = mergeSettings(null);
	core: NotemendCore | null = null;
	coreReady: Promise<NotemendCore> | null = null;
	private readonly guard = new AutoFixGuard();
	private readonly leave = new LeaveTracker();
	/** The clean-up running or last run, so the command can show a running one again. */
	private cleanup: CleanupModal | null = null;
	/** The keys Obsidian Linter writes (see core/kept-keys): passed on every normalize. */
	private kept: KeptKeys | null = null;
	/** The vault's facts per note (see core/vault-facts): the context of every single-note repair. */
	private vaultFacts: VaultFacts | null = null;
	/** The vault index's context, prepared in the core (see core/prepared-vault). */
	private readonly heldVault = new HeldVault(() => this.core);

	/** The kept keys as last read, for the settings tab. */
	get keptKeys(): KeptKey[] {
		return this.kept?.current ?? [];
	}

	async onload(): Promise<void> {
		await this.loadSettings();
		const adapter = this.app.vault.adapter;
		this.kept = new KeptKeys({ read: (p) => adapter.read(p), exists: (p) => adapter.exists(p) }, this.app.vault.configDir, () => this.core);
		// Compiled once, asynchronously, from the bytes embedded in main.js.
		this.coreReady = loadCore();
		this.coreReady.then(
			(core) => {
				this.core = core;
				void this.kept?.refresh();
			},
			(error: unknown) => {
				console.error("Notemend: the core failed to load", error);
				new Notice("Notemend could not start its repair engine; see the developer console.");
			},
		);

		const facts = new VaultFacts(vaultPort(this.app), () => this.core, () => this.settings, {
			excluded: () => userIgnoreFilters(this.app),
			yieldToUi,
		});
		this.vaultFacts = facts;
		this.register(() => facts.stop());
		this.register(() => this.heldVault.release());
		// Once the layout is ready (the vault's `create` events before it are its
		// files being listed) and the core loaded: read every note once, in
		// batches, then only the notes that change.
		this.app.workspace.onLayoutReady(() => {
			this.registerEvent(
				this.app.vault.on("create", (file) => {
					if (file instanceof TFile) void facts.changed(file.path);
				}),
			);
			this.registerEvent(
				this.app.vault.on("modify", (file) => {
					if (file instanceof TFile) void facts.changed(file.path);
				}),
			);
			this.registerEvent(this.app.vault.on("delete", (file) => facts.deleted(file.path)));
			this.registerEvent(this.app.vault.on("rename", (file, oldPath) => facts.renamed(oldPath, file.path)));
			void this.coreReady?.then(
				() => facts.start(),
				() => undefined,
			);
		});

		this.addSettingTab(new NotemendSettingTab(this.app, this));

		this.addCommand({
			id: "normalize-current-note",
			name: "Normalize current note",
			editorCallback: (editor, ctx) => this.withCore((core) => this.report(normalizeNote(editorPort(editor), core, this.settings, pathOf(ctx)))),
		});
		this.addCommand({
			id: "preview-changes",
			name: "Preview changes to current note",
			editorCallback: (editor, ctx) => this.withCore((core) => this.preview(editor, ctx, core)),
		});
		this.addCommand({
			id: "fix-mojibake-in-selection",
			name: "Fix mojibake in selection",
			editorCallback: (editor) => this.withCore((core) => this.report(fixMojibakeInSelection(editorPort(editor), core, this.settings))),
		});
		this.addCommand({
			id: "clean-up-vault",
			name: "Clean up vault…",
			callback: () => this.withCore((core) => this.cleanUpVault(core)),
		});
		this.addCommand({
			id: "undo-last-vault-clean-up",
			name: "Undo last clean-up…",
			callback: () => void this.undoLastCleanup(),
		});
		this.addCommand({
			id: "clean-up-history",
			name: "Clean-up history…",
			callback: () => this.openHistory(),
		});
		this.addCommand({
			id: "toggle-fix-on-save",
			name: "Toggle fix on save",
			callback: () => void this.toggleFixOnSave(),
		});

		// "Clean up folder" in a folder's menu (file explorer).
		this.registerEvent(
			this.app.workspace.on("file-menu", (menu, file) => {
				if (!(file instanceof TFolder)) return;
				menu.addItem((item) =>
					item
						.setTitle("Clean up folder")
						.setIcon("wand-2")
						.onClick(() => this.withCore((core) => this.cleanUpVault(core, file.isRoot() ? null : file.path))),
				);
			}),
		);

		// The editor's context menu: on mobile there is no save key, and this is the way in.
		this.registerEvent(
			this.app.workspace.on("editor-menu", (menu, editor, info) => {
				menu.addItem((item) =>
					item
						.setTitle("Normalize note")
						.setIcon("wand-2")
						.onClick(() => this.withCore((core) => this.report(normalizeNote(editorPort(editor), core, this.settings, info.file?.path ?? "")))),
				);
				menu.addItem((item) =>
					item
						.setTitle("Preview changes to note")
						.setIcon("list-checks")
						.onClick(() => this.withCore((core) => this.preview(editor, info, core))),
				);
			}),
		);

		this.installSaveHook();
		// Leaving a note means opening another one (file-open); focus moving to a
		// sidebar or a view without a note is not leaving. Only notes edited since
		// they were opened are fixed.
		this.registerEvent(this.app.workspace.on("file-open", (file) => this.onFileOpen(file)));
		this.registerEvent(
			this.app.workspace.on("editor-change", (_editor, info) => {
				if (info.file) this.leave.edited(info.file.path);
			}),
		);
		this.registerEvent(this.app.vault.on("rename", (file, oldPath) => this.leave.renamed(oldPath, file.path)));
		// Changes to the Linter's settings or the enabled plugins: `raw` is the
		// file watcher's event (not in the typings; the config folder is not in
		// the vault's index, so there is no `modify` for it).
		const rawEvents = this.app.vault as unknown as { on(name: "raw", callback: (path: string) => unknown): EventRef };
		this.registerEvent(
			rawEvents.on("raw", (path) => {
				if (this.kept?.isSource(path)) void this.kept.refresh();
			}),
		);
	}

	async loadSettings(): Promise<void> {
		this.settings = mergeSettings(await this.loadData());
	}

	async saveSettings(): Promise<void> {
		await this.saveData(this.settings);
		// Turned off, or settings that change what the core reads in a note: the index follows.
		void this.vaultFacts?.sync();
		// Off, the index's context goes from the core too, without waiting for the next repair.
		if (!this.settings.vaultIndex) this.heldVault.release();
	}

	/** The plugin's backups/ folder: one folder per clean-up kept for undo. */
	private get backupRoot(): string {
		return backupRootOf(this.manifest.dir ?? `${this.app.vault.configDir}/plugins/${this.manifest.id}`);
	}

	/**
	 * The core with the kept keys on every normalize, and the vault's context
	 * on every one that brings none of its own (all but the clean-up's),
	 * prepared in the core once per change of the facts or the keys.
	 */
	private fixer(core: NotemendCore): CorePort {
		return withVaultContext(keepingKeys(core, () => this.keptKeys), () => this.heldVault.vaultFor(this.vaultFacts?.context(), this.keptKeys));
	}

	private withCore(run: (core: CorePort) => void | Promise<void>): void {
		const ready = this.coreReady;
		if (!ready) return;
		this.kept?.refreshIfStale();
		void ready
			.then((core) => run(this.fixer(core)))
			.catch((error: unknown) => {
				console.error("Notemend:", error);
				const message = error instanceof Error ? error.message : String(error);
				new Notice(message.startsWith("Notemend") ? message : `Notemend: ${message}`);
			});
	}

	private report(report: Parameters<typeof reportMessage>[0]): void {
		new Notice(reportMessage(report));
	}

	private preview(editor: Editor, ctx: MarkdownView | MarkdownFileInfo, core: CorePort): void {
		const owner = ownerPlugin(pathOf(ctx), editor.getValue());
		if (owner) {
			this.report({ kind: "owned", owner });
			return;
		}
		const port = editorPort(editor);
		const model = previewNote(port, core, this.settings);
		const title = `Preview changes to ${ctx.file?.basename ?? "this note"}`;
		new PreviewModal(this.app, model, title, (choice) => this.report(applyPreview(port, model, choice === "all"))).open();
	}

	/** The vault clean-up, or a folder's (from the file menu). One runs at a time; asked again, it shows again. */
	private cleanUpVault(core: CorePort, folder: string | null = null): void {
		if (this.cleanup?.running) {
			this.cleanup.open();
			return;
		}
		const vault = vaultPort(this.app);
		const scope = { folder, excluded: userIgnoreFilters(this.app) };
		const root = this.backupRoot;
		this.cleanup = new CleanupModal(
			this.app,
			{
				scan: async (control) => {
					// Read again before each clean-up: the Linter's settings as they are now.
					await this.kept?.refresh();
					return scanVault(vault, core, this.settings, { ...control, yieldToUi }, scope);
				},
				apply: async (plan, control) => {
					const result = await applyPlan(plan, vault, backupDirFor(root, new Date()), { ...control, yieldToUi });
					await pruneCleanups(vault, root);
					return result;
				},
				notify: (message) => new Notice(message, 10000),
				openHistory: () => this.openHistory(),
			},
			folder ? `Clean up ${folder}` : "Clean up vault",
		);
		this.cleanup.open();
	}

	private historySteps(): HistorySteps {
		const vault = vaultPort(this.app);
		return {
			list: () => listCleanups(vault, this.backupRoot),
			undo: (record, control) => undoCleanup(vault, record.dir, { ...control, yieldToUi }),
			notify: (message) => new Notice(message),
		};
	}

	private openHistory(): void {
		new CleanupHistoryModal(this.app, this.historySteps()).open();
	}

	/** Asks first, then undoes the newest clean-up kept. */
	private async undoLastCleanup(): Promise<void> {
		try {
			const records = await listCleanups(vaultPort(this.app), this.backupRoot);
			if (records.length === 0) {
				new Notice("There is no clean-up to undo.");
				return;
			}
			new CleanupHistoryModal(this.app, this.historySteps(), true).open();
		} catch (error) {
			new Notice(`Undo failed: ${error instanceof Error ? error.message : String(error)}`);
		}
	}

	private async toggleFixOnSave(): Promise<void> {
		this.settings.fixOnSave = !this.settings.fixOnSave;
		await this.saveSettings();
		new Notice(this.settings.fixOnSave ? "Fix on save is on." : "Fix on save is off.");
	}

	/**
	 * Obsidian has no save event: wrap the save command (see core/save-hook).
	 * The uninstaller is registered, and the wrapper does nothing once
	 * Notemend is unloaded, even if another plugin keeps it in its chain.
	 */
	private installSaveHook(): void {
		const registry = (this.app as unknown as { commands?: { commands?: Record<string, SaveCommand | undefined> } }).commands;
		const save = registry?.commands?.["editor:save-file"];
		if (!save) return;
		let active = true;
		const hook = wrapSaveCommand(save, () => this.fixActiveNote(), () => active);
		this.register(() => {
			active = false;
			hook?.uninstall();
		});
	}

	private fixActiveNote(): void {
		const view = this.app.workspace.getActiveViewOfType(MarkdownView);
		if (!view?.file || !this.core) return;
		this.autoFix("save", view.file.path, editorPort(view.editor));
	}

	private autoFix(trigger: "save" | "leave", path: string, port: EditorPort): void {
		if (!this.core) return;
		this.kept?.refreshIfStale();
		try {
			autoFixInEditor(trigger, path, port, this.fixer(this.core), this.settings, this.guard);
		} catch (error) {
			console.error("Notemend:", error);
		}
	}

	private onFileOpen(file: TFile | null): void {
		const view = this.app.workspace.getActiveViewOfType(MarkdownView);
		const text = file && view?.file?.path === file.path ? view.editor.getValue() : null;
		const left = this.leave.opened(file?.path ?? null, text);
		if (!left || !this.settings.fixOnLeave || !this.core) return;
		this.kept?.refreshIfStale();
		const core = this.fixer(this.core);
		// Still open in another tab: through its editor, so cursor, folds and undo survive.
		const stillOpen = this.app.workspace
			.getLeavesOfType("markdown")
			.map((leaf) => leaf.view)
			.find((v): v is MarkdownView => v instanceof MarkdownView && v.file?.path === left.path);
		if (stillOpen) {
			if (changedSinceOpened(left, stillOpen.editor.getValue())) this.autoFix("leave", left.path, editorPort(stillOpen.editor));
			return;
		}
		const leftFile = this.app.vault.getAbstractFileByPath(left.path);
		if (!(leftFile instanceof TFile)) return;
		void this.app.vault.process(leftFile, (data) =>
			changedSinceOpened(left, data) ? autoFixText("leave", left.path, data, core, this.settings, this.guard) : data,
		);
	}
}

function pathOf(ctx: MarkdownView | MarkdownFileInfo): string {
	return ctx.file?.path ?? "";
}
