import type { App } from "obsidian";
import { ButtonComponent, Modal } from "obsidian";
import type { ApplyResult, Plan } from "../core/cleanup";
import { KEPT_CLEANUPS } from "../core/cleanup";
import { ownerLabel } from "../core/guard";
import { messageParts, visible } from "../core/preview";
import type { RunControl, Stage } from "../core/ports";
import { fixLabel } from "../core/settings";

export interface CleanupSteps {
	scan(control: RunControl): Promise<Plan>;
	apply(plan: Plan, control: RunControl): Promise<ApplyResult>;
	/** Tells the user something while the modal is closed (a notice). */
	notify(message: string): void;
	/** Opens the clean-up history (where results stay and undo is). */
	openHistory(): void;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const VERBS: Record<Stage, string> = { read: "Read", check: "Checked", write: "Wrote", restore: "Restored" };

/** "Checked 500 of 10000 notes": each stage counts each note once. */
export function progressLabel(done: number, total: number, stage: Stage): string {
	return `${VERBS[stage]} ${done} of ${plural(total, "note")}`;
}

/**
 * Scan → summary → apply with progress and cancel → what changed and what
 * failed. Closing it (Esc, ×) while it reads notes cancels, and says so;
 * while it writes, the work goes on: a notice says where to follow it, the
 * same command shows it again, and the results stay in the clean-up history.
 */
export class CleanupModal extends Modal {
	private cancelled = false;
	private started = false;
	private shown = false;
	private phase: "scan" | "review" | "apply" | "done" = "scan";

	constructor(
		app: App,
		private readonly steps: CleanupSteps,
		private readonly title = "Clean up vault",
	) {
		super(app);
	}

	onOpen(): void {
		this.shown = true;
		this.modalEl.addClass("notemend-cleanup-modal");
		this.titleEl.setText(this.title);
		// Opened again while it runs: the same run, as it stands.
		if (this.started) return;
		this.started = true;
		void this.scan();
	}

	onClose(): void {
		this.shown = false;
		if (this.phase === "scan") {
			this.cancelled = true;
			this.steps.notify("Clean-up cancelled while reading notes: nothing was written.");
		} else if (this.phase === "apply") {
			this.steps.notify(`${this.title} goes on in the background. Run the same command to follow it; its results will be in the clean-up history.`);
		}
	}

	/** Reading or writing notes: opening it again shows this run. */
	get running(): boolean {
		return this.started && (this.phase === "scan" || this.phase === "apply");
	}

	private control(bar: HTMLProgressElement, label: HTMLElement): RunControl {
		return {
			isCancelled: () => this.cancelled,
			onProgress: (done, total, stage) => {
				bar.max = Math.max(total, 1);
				bar.value = done;
				label.setText(progressLabel(done, total, stage));
			},
		};
	}

	private progressView(text: string): { bar: HTMLProgressElement; label: HTMLElement } {
		const { contentEl } = this;
		contentEl.empty();
		const box = contentEl.createDiv({ cls: "notemend-progress" });
		const label = box.createDiv({ cls: "notemend-progress-label", text });
		const bar = box.createEl("progress", { cls: "notemend-progress-bar" });
		bar.max = 1;
		bar.value = 0;
		const buttons = contentEl.createDiv({ cls: "modal-button-container" });
		new ButtonComponent(buttons).setButtonText("Cancel").onClick(() => {
			this.cancelled = true;
			label.setText("Cancelling after this batch…");
		});
		return { bar, label };
	}

	private async scan(): Promise<void> {
		this.phase = "scan";
		const { bar, label } = this.progressView("Reading notes…");
		let plan: Plan;
		try {
			plan = await this.steps.scan(this.control(bar, label));
		} catch (error) {
			this.showError(error);
			return;
		}
		if (plan.cancelled) {
			this.phase = "done";
			this.close();
			return;
		}
		this.review(plan);
	}

	private review(plan: Plan): void {
		this.phase = "review";
		const { contentEl } = this;
		contentEl.empty();
		const changes = plan.files.reduce((n, f) => n + f.changes.length, 0);
		contentEl.createEl("p", {
			cls: "notemend-summary-lead",
			text:
				plan.files.length === 0
					? `Checked ${plural(plan.scanned, "note")}: nothing to fix.`
					: `Checked ${plural(plan.scanned, "note")}: ${plural(changes, "change")} in ${plural(plan.files.length, "note")}.`,
		});
		const scroll = contentEl.createDiv({ cls: "notemend-summary-scroll" });
		const table = scroll.createEl("table", { cls: "notemend-summary-table" });
		const head = table.createEl("thead").createEl("tr");
		for (const h of ["Fix", "Notes", "Changes", "Examples"]) head.createEl("th", { text: h });
		const body = table.createEl("tbody");
		for (const s of plan.byFix) {
			const tr = body.createEl("tr");
			tr.createEl("td", { cls: "notemend-summary-fix", text: fixLabel(s.fix) });
			tr.createEl("td", { cls: "notemend-num", text: String(s.files) });
			tr.createEl("td", { cls: "notemend-num", text: String(s.changes) });
			const ex = tr.createEl("td", { cls: "notemend-examples" });
			for (const e of s.examples) {
				const example = ex.createDiv({ cls: "notemend-example" });
				const where = example.createSpan({ cls: "notemend-example-path", text: `${e.path}, line ${e.line}: ` });
				for (const part of messageParts(e.message)) {
					if (part.code) where.createEl("code", { text: part.text });
					else where.appendText(part.text);
				}
				const code = example.createEl("code", { cls: "notemend-example-code" });
				code.createSpan({ cls: "notemend-context", text: e.prefix });
				code.createSpan({ cls: "notemend-del", text: visible(e.before, 40) });
				code.createSpan({ cls: "notemend-context", text: e.suffix });
				example.createSpan({ cls: "notemend-example-arrow", text: "→" });
				const after = example.createEl("code", { cls: "notemend-example-code" });
				after.createSpan({ cls: "notemend-context", text: e.prefix });
				after.createSpan({ cls: "notemend-ins", text: visible(e.after, 40) });
				after.createSpan({ cls: "notemend-context", text: e.suffix });
			}
		}
		const notes = contentEl.createEl("ul", { cls: "notemend-summary-notes" });
		if (plan.ignored.length > 0) notes.createEl("li", { text: `${plural(plan.ignored.length, "note")} in ignored folders skipped.` });
		if (plan.excluded.length > 0) notes.createEl("li", { text: `${plural(plan.excluded.length, "note")} in Obsidian's excluded files skipped.` });
		if (plan.optedOut.length > 0) notes.createEl("li", { text: `${plural(plan.optedOut.length, "note")} opting out (notemend: false) skipped.` });
		if (plan.owned.length > 0) {
			const owners = [...new Set(plan.owned.map((o) => ownerLabel(o.owner)))].sort().join(", ");
			notes.createEl("li", { text: `${plural(plan.owned.length, "note")} of other plugins (${owners}) skipped.` });
		}
		if (plan.diagnostics > 0) notes.createEl("li", { text: `${plural(plan.diagnostics, "thing")} left alone on purpose (ambiguous or unsure).` });
		if (plan.failed.length > 0) notes.createEl("li", { cls: "mod-warning", text: `${plural(plan.failed.length, "note")} could not be read: ${plan.failed.map((f) => f.path).join(", ")}` });
		contentEl.createEl("p", {
			cls: "setting-item-description",
			text: `Originals of changed notes are kept in the plugin's folder, for the last ${KEPT_CLEANUPS} clean-ups: the clean-up history lists them and undoes any of them, for the notes not edited since.`,
		});
		const buttons = contentEl.createDiv({ cls: "modal-button-container" });
		if (plan.files.length > 0) {
			new ButtonComponent(buttons)
				.setButtonText(`Apply to ${plural(plan.files.length, "note")}`)
				.setCta()
				.onClick(() => void this.apply(plan));
		}
		new ButtonComponent(buttons).setButtonText(plan.files.length > 0 ? "Cancel" : "Close").onClick(() => this.close());
	}

	private async apply(plan: Plan): Promise<void> {
		this.phase = "apply";
		this.cancelled = false;
		const { bar, label } = this.progressView("Writing notes…");
		let result: ApplyResult;
		try {
			result = await this.steps.apply(plan, this.control(bar, label));
		} catch (error) {
			this.showError(error);
			return;
		}
		this.done(result, plan);
	}

	private done(result: ApplyResult, plan: Plan): void {
		this.phase = "done";
		const { contentEl } = this;
		contentEl.empty();
		contentEl.addClass("notemend-done");
		contentEl.createEl("p", {
			cls: "notemend-summary-lead",
			text: result.cancelled
				? `Cancelled: ${plural(result.changed.length, "note")} changed, ${plural(result.notStarted.length, "note")} not reached.`
				: `Done: ${plural(result.changed.length, "note")} changed.`,
		});
		const section = (title: string, cls: string, lines: string[]): void => {
			if (lines.length === 0) return;
			const box = contentEl.createDiv({ cls: `notemend-result ${cls}` });
			box.createDiv({ cls: "notemend-result-title", text: `${title} (${lines.length})` });
			const ul = box.createEl("ul");
			for (const line of lines.slice(0, 50)) ul.createEl("li", { text: line });
			if (lines.length > 50) ul.createEl("li", { text: `and ${lines.length - 50} more` });
		};
		const counts = new Map(plan.files.map((f) => [f.path, f.changes.length]));
		section("Changed", "notemend-result-changed", result.changed.map((p) => `${p} (${plural(counts.get(p) ?? 0, "change")})`));
		section("Left alone: edited since the scan", "notemend-result-skipped", result.skipped.map((s) => `${s.path} (${s.reason})`));
		section("Failed", "notemend-result-failed", result.failed.map((f) => `${f.path}: ${f.error}`));
		if (result.changed.length > 0) {
			contentEl.createEl("p", { cls: "setting-item-description", text: "This clean-up is in the clean-up history, which can undo it." });
		}
		const buttons = contentEl.createDiv({ cls: "modal-button-container" });
		if (result.changed.length > 0) {
			new ButtonComponent(buttons).setButtonText("Clean-up history").onClick(() => {
				this.close();
				this.steps.openHistory();
			});
		}
		new ButtonComponent(buttons).setButtonText("Close").setCta().onClick(() => this.close());
		if (!this.shown) {
			const left = result.skipped.length + result.failed.length;
			this.steps.notify(
				`${this.title}: ${plural(result.changed.length, "note")} changed` +
					(left > 0 ? `, ${plural(left, "note")} left alone or failed` : "") +
					". The clean-up history has the details and can undo it.",
			);
		}
	}

	private showError(error: unknown): void {
		const { contentEl } = this;
		contentEl.empty();
		contentEl.createEl("p", { cls: "mod-warning", text: `The clean-up stopped: ${error instanceof Error ? error.message : String(error)}` });
		const buttons = contentEl.createDiv({ cls: "modal-button-container" });
		new ButtonComponent(buttons).setButtonText("Close").onClick(() => this.close());
	}

	/** For tests and the status line: where the modal is. */
	get currentPhase(): string {
		return this.phase;
	}
}
