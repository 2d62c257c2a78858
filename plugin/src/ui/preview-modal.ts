import type { App } from "obsidian";
import { ButtonComponent, Modal } from "obsidian";
import type { PreviewModel } from "../core/preview";
import { changeContext, messageParts, visible } from "../core/preview";
import { fixLabel } from "../core/settings";

export type PreviewChoice = "all" | "ticked";

/** Lists each change with its explanation and a before/after view; apply all, apply ticked, or cancel. */
export class PreviewModal extends Modal {
	constructor(
		app: App,
		private readonly model: PreviewModel,
		private readonly title: string,
		private readonly onChoose: (choice: PreviewChoice) => void,
	) {
		super(app);
	}

	onOpen(): void {
		const { contentEl, model } = this;
		this.modalEl.addClass("notemend-preview-modal");
		this.titleEl.setText(this.title);
		contentEl.empty();
		const changes = model.items.reduce((n, i) => n + i.changes.length, 0);
		contentEl.createEl("p", {
			cls: "notemend-preview-intro",
			text:
				changes === 0
					? "Nothing to fix in this note."
					: `${changes} ${changes === 1 ? "change" : "changes"}. Untick what you want to keep as it is.`,
		});
		const list = contentEl.createDiv({ cls: "notemend-preview-list" });
		for (const item of model.items) {
			const row = list.createDiv({ cls: "notemend-item" });
			const head = row.createEl("label", { cls: "notemend-item-head" });
			const box = head.createEl("input", { type: "checkbox", cls: "notemend-item-check" });
			box.checked = item.checked;
			box.dataset.item = String(item.id);
			box.addEventListener("change", () => {
				item.checked = box.checked;
				row.toggleClass("is-unticked", !box.checked);
			});
			const first = item.changes[0];
			head.createSpan({ cls: "notemend-line", text: `Line ${first ? first.line : "?"}` });
			if (item.changes.length > 1) {
				head.createSpan({ cls: "notemend-together", text: `${item.changes.length} changes, applied together` });
			}
			for (const change of item.changes) {
				const block = row.createDiv({ cls: "notemend-change" });
				const what = block.createDiv({ cls: "notemend-change-what" });
				what.createSpan({ cls: `notemend-fix-badge notemend-fix-${change.fix}`, text: fixLabel(change.fix) });
				const message = what.createSpan({ cls: "notemend-message" });
				for (const part of messageParts(change.message)) {
					if (part.code) message.createEl("code", { text: part.text });
					else message.appendText(part.text);
				}
				const diff = block.createDiv({ cls: "notemend-diff" });
				const { prefix, suffix } = changeContext(model.source, change);
				const addRow = (cls: string, sign: string, middle: string, mark: string): void => {
					const line = diff.createDiv({ cls: `notemend-diff-row ${cls}` });
					line.createSpan({ cls: "notemend-diff-sign", text: sign });
					const code = line.createEl("code");
					code.createSpan({ cls: "notemend-context", text: prefix });
					code.createSpan({ cls: mark, text: visible(middle) });
					code.createSpan({ cls: "notemend-context", text: suffix });
				};
				addRow("notemend-before", "−", change.before, "notemend-del");
				addRow("notemend-after", "+", change.after, "notemend-ins");
			}
		}
		if (model.diagnostics.length > 0) {
			const left = contentEl.createDiv({ cls: "notemend-diagnostics" });
			left.createDiv({ cls: "notemend-diagnostics-title", text: "Left alone on purpose" });
			const ul = left.createEl("ul");
			for (const d of model.diagnostics) ul.createEl("li", { text: `Line ${d.line}: ${d.message}` });
		}
		const buttons = contentEl.createDiv({ cls: "modal-button-container" });
		new ButtonComponent(buttons)
			.setButtonText("Apply all")
			.setCta()
			.setDisabled(model.items.length === 0)
			.onClick(() => this.choose("all"));
		new ButtonComponent(buttons)
			.setButtonText("Apply ticked")
			.setDisabled(model.items.length === 0)
			.onClick(() => this.choose("ticked"));
		new ButtonComponent(buttons).setButtonText("Cancel").onClick(() => this.close());
	}

	private choose(choice: PreviewChoice): void {
		this.close();
		this.onChoose(choice);
	}

	onClose(): void {
		this.contentEl.empty();
	}
}
