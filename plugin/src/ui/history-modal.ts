import type { App } from "obsidian";
import { ButtonComponent, Modal } from "obsidian";
import type { CleanupRecord, UndoResult } from "../core/cleanup";
import { KEPT_CLEANUPS } from "../core/cleanup";
import type { RunControl } from "../core/ports";
import { plural, progressLabel } from "./cleanup-modal";

export interface HistorySteps {
	list(): Promise<CleanupRecord[]>;
	undo(record: CleanupRecord, control: RunControl): Promise<UndoResult | null>;
	notify(message: string): void;
}

/** "Restored 3 notes. 1 edited since was left as it is." */
export function undoMessage(result: UndoResult): string {
	const n = result.skipped.length;
	const skipped = n > 0 ? ` ${n} edited since ${n === 1 ? "was" : "were"} left as ${n === 1 ? "it is" : "they are"}.` : "";
	const failed = result.failed.length > 0 ? ` ${result.failed.length} could not be restored.` : "";
	return `Restored ${plural(result.restored.length, "note")}.${skipped}${failed}`;
}

function when(record: CleanupRecord): string {
	const date = new Date(record.createdAt);
	return Number.isNaN(date.getTime()) ? record.createdAt : date.toLocaleString();
}

function scopeOf(record: CleanupRecord): string {
	return record.folder ? `folder ${record.folder}` : "the whole vault";
}

/**
 * The clean-ups kept for undo, newest first: when, what, what changed and
 * what was left alone. Each can be undone, after a confirmation.
 */
export class CleanupHistoryModal extends Modal {
	/** `confirmNewest`: open straight on the confirmation for the newest clean-up ("Undo last clean-up"). */
	constructor(
		app: App,
		private readonly steps: HistorySteps,
		private readonly confirmNewest = false,
	) {
		super(app);
	}

	onOpen(): void {
		this.modalEl.addClass("notemend-history-modal");
		this.titleEl.setText("Clean-up history");
		void this.load(this.confirmNewest);
	}

	private async load(confirmNewest: boolean): Promise<void> {
		let records: CleanupRecord[];
		try {
			records = await this.steps.list();
		} catch (error) {
			this.showError(error);
			return;
		}
		const newest = records[0];
		if (confirmNewest && newest) this.confirm(newest, true);
		else this.showList(records);
	}

	private showList(records: CleanupRecord[]): void {
		const { contentEl } = this;
		contentEl.empty();
		if (records.length === 0) {
			contentEl.createEl("p", { cls: "notemend-summary-lead", text: "No clean-up is kept." });
		} else {
			contentEl.createEl("p", {
				cls: "setting-item-description",
				text: `The last ${KEPT_CLEANUPS} clean-ups are kept, newest first. Undoing one restores the notes it changed, except those edited since.`,
			});
		}
		const list = contentEl.createDiv({ cls: "notemend-history-list" });
		for (const record of records) {
			const item = list.createDiv({ cls: "notemend-history-item" });
			const head = item.createDiv({ cls: "notemend-history-head" });
			head.createSpan({ cls: "notemend-history-when", text: when(record) });
			head.createSpan({ cls: "notemend-history-scope", text: record.folder ? `Folder ${record.folder}` : "Whole vault" });
			const parts = [`${plural(record.changed.length, "note")} changed`];
			if (record.skipped.length > 0) parts.push(`${record.skipped.length} left alone`);
			if (record.failed.length > 0) parts.push(`${record.failed.length} failed`);
			if (record.cancelled) parts.push(`cancelled, ${record.notStarted} not reached`);
			if (!record.finished) parts.push("did not finish");
			item.createDiv({ cls: "notemend-history-summary", text: `${parts.join(", ")}.` });
			const details = item.createEl("details", { cls: "notemend-history-details" });
			details.createEl("summary", { text: "Notes" });
			const ul = details.createEl("ul");
			const lines = [
				...record.changed.map((p) => `${p}: changed`),
				...record.skipped.map((s) => `${s.path}: left alone (${s.reason})`),
				...record.failed.map((f) => `${f.path}: failed (${f.error})`),
			];
			for (const line of lines.slice(0, 200)) ul.createEl("li", { text: line });
			if (lines.length > 200) ul.createEl("li", { text: `and ${lines.length - 200} more` });
			const buttons = item.createDiv({ cls: "notemend-history-buttons" });
			new ButtonComponent(buttons).setButtonText("Undo…").onClick(() => this.confirm(record, false));
		}
		const buttons = contentEl.createDiv({ cls: "modal-button-container" });
		new ButtonComponent(buttons).setButtonText("Close").onClick(() => this.close());
	}

	private confirm(record: CleanupRecord, fromCommand: boolean): void {
		const { contentEl } = this;
		contentEl.empty();
		contentEl.createEl("p", {
			cls: "notemend-confirm-text",
			text:
				`Undo the clean-up of ${scopeOf(record)} made ${when(record)}? ` +
				`It restores the ${plural(record.changed.length, "note")} it changed; a note edited since stays as it is.`,
		});
		const buttons = contentEl.createDiv({ cls: "modal-button-container" });
		new ButtonComponent(buttons)
			.setButtonText("Undo clean-up")
			.setWarning()
			.onClick(() => void this.undo(record));
		new ButtonComponent(buttons).setButtonText("Cancel").onClick(() => {
			if (fromCommand) this.close();
			else void this.load(false);
		});
	}

	private async undo(record: CleanupRecord): Promise<void> {
		const { contentEl } = this;
		contentEl.empty();
		const box = contentEl.createDiv({ cls: "notemend-progress" });
		const label = box.createDiv({ cls: "notemend-progress-label", text: "Restoring notes…" });
		const bar = box.createEl("progress", { cls: "notemend-progress-bar" });
		let result: UndoResult | null;
		try {
			result = await this.steps.undo(record, {
				onProgress: (done, total, stage) => {
					bar.max = Math.max(total, 1);
					bar.value = done;
					label.setText(progressLabel(done, total, stage));
				},
			});
		} catch (error) {
			this.showError(error);
			return;
		}
		const message = result ? undoMessage(result) : "This clean-up was already undone.";
		this.steps.notify(message);
		contentEl.empty();
		contentEl.addClass("notemend-undone");
		contentEl.createEl("p", { cls: "notemend-summary-lead", text: message });
		if (result && result.skipped.length + result.failed.length > 0) {
			const ul = contentEl.createEl("ul");
			for (const s of result.skipped) ul.createEl("li", { text: `${s.path}: ${s.reason}` });
			for (const f of result.failed) ul.createEl("li", { text: `${f.path}: ${f.error}` });
		}
		const buttons = contentEl.createDiv({ cls: "modal-button-container" });
		new ButtonComponent(buttons).setButtonText("Back to the history").onClick(() => void this.load(false));
		new ButtonComponent(buttons).setButtonText("Close").setCta().onClick(() => this.close());
	}

	private showError(error: unknown): void {
		const { contentEl } = this;
		contentEl.empty();
		contentEl.createEl("p", { cls: "mod-warning", text: `Undo stopped: ${error instanceof Error ? error.message : String(error)}` });
		const buttons = contentEl.createDiv({ cls: "modal-button-container" });
		new ButtonComponent(buttons).setButtonText("Close").onClick(() => this.close());
	}
}
