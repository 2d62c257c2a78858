import type { App, Plugin } from "obsidian";
import { PluginSettingTab, Setting } from "obsidian";
import type { DateOrder, NotemendSettings } from "../core/settings";
import { describeKept } from "../core/kept-keys";
import { FIXES, defaultSettings, formatLines, normalizeFolder, parseLines } from "../core/settings";
import type { KeptKey } from "../core/types";

export interface SettingsHost extends Plugin {
	settings: NotemendSettings;
	saveSettings(): Promise<void>;
	/** Keys other plugins write, which the dates fix leaves as written (see core/kept-keys). */
	readonly keptKeys?: KeptKey[];
}

export class NotemendSettingTab extends PluginSettingTab {
	constructor(
		app: App,
		private readonly host: SettingsHost,
	) {
		super(app, host);
	}

	display(): void {
		const { containerEl } = this;
		const settings = this.host.settings;
		const save = (): void => {
			void this.host.saveSettings();
		};
		containerEl.empty();
		containerEl.addClass("notemend-settings");

		new Setting(containerEl).setName("Fixes").setHeading();
		for (const fix of FIXES) {
			const desc = createFragment((frag) => {
				frag.createSpan({ text: fix.description });
				const example = frag.createDiv({ cls: "notemend-setting-example" });
				example.createEl("code", { text: fix.example.before, cls: "notemend-before" });
				example.createSpan({ text: " → " });
				example.createEl("code", { text: fix.example.after, cls: "notemend-after" });
			});
			new Setting(containerEl)
				.setName(fix.label)
				.setDesc(desc)
				.addToggle((toggle) =>
					toggle.setValue(settings.fixes[fix.name]).onChange((value) => {
						settings.fixes[fix.name] = value;
						save();
					}),
				);
		}

		new Setting(containerEl).setName("Dates").setHeading();
		new Setting(containerEl)
			.setName("Date format")
			.setDesc("Moment.js tokens, such as YYYY-MM-DD or DD.MM.YYYY.")
			.addText((text) =>
				text
					.setPlaceholder(defaultSettings().dateFormat)
					.setValue(settings.dateFormat)
					.onChange((value) => {
						settings.dateFormat = value.trim() === "" ? "YYYY-MM-DD" : value.trim();
						save();
					}),
			);
		new Setting(containerEl)
			.setName("Date order")
			.setDesc("How to read a date such as 03/04/2025. Automatic decides from the note and the vault, and reports what stays ambiguous.")
			.addDropdown((dropdown) =>
				dropdown
					.addOption("auto", "Automatic")
					.addOption("dmy", "Day first (day/month/year)")
					.addOption("mdy", "Month first (month/day/year)")
					.setValue(settings.dateOrder)
					.onChange((value) => {
						settings.dateOrder = value as DateOrder;
						save();
					}),
			);

		new Setting(containerEl)
			.setName("Tags before task fields")
			.setDesc("On task lines, move tags written after the fields in front of them, as the task plugin writes a line when you toggle it. Off: tags stay where you wrote them.")
			.addToggle((toggle) =>
				toggle.setValue(settings.tagsBeforeFields).onChange((value) => {
					settings.tagsBeforeFields = value;
					save();
				}),
			);

		const kept = this.host.keptKeys ?? [];
		if (kept.length > 0) {
			new Setting(containerEl).setName("Left as other plugins write them").setDesc(describeKept(kept));
		}

		new Setting(containerEl).setName("People").setHeading();
		new Setting(containerEl)
			.setName("Known people")
			.setDesc("One name a line. Helps tell a doubled name from a real one.")
			.addTextArea((area) => {
				area.setValue(formatLines(settings.knownPeople)).onChange((value) => {
					settings.knownPeople = parseLines(value);
					save();
				});
				area.inputEl.rows = 4;
				area.inputEl.addClass("notemend-textarea");
			});
		new Setting(containerEl)
			.setName("Me")
			.setDesc("The name that placeholder owners such as @me stand for. Leave empty to keep them.")
			.addText((text) =>
				text.setValue(settings.me).onChange((value) => {
					settings.me = value.trim();
					save();
				}),
			);

		new Setting(containerEl).setName("When to run").setHeading();
		new Setting(containerEl)
			.setName("Fix on save")
			.setDesc("Repair the note when you save it with the save command. Never while typing. Phones and tablets have no save key: use fix on leave, or the editor menu.")
			.addToggle((toggle) =>
				toggle.setValue(settings.fixOnSave).onChange((value) => {
					settings.fixOnSave = value;
					save();
				}),
			);
		new Setting(containerEl)
			.setName("Fix on leave")
			.setDesc("Repair a note you edited when you open another note. Notes you only read, and moving to a sidebar, are left alone.")
			.addToggle((toggle) =>
				toggle.setValue(settings.fixOnLeave).onChange((value) => {
					settings.fixOnLeave = value;
					save();
				}),
			);
		new Setting(containerEl)
			.setName("Judge single notes with the vault")
			.setDesc(
				"Fix on save, fix on leave and the note commands repair a note with what the other notes say, as the vault clean-up does: the people they name, the order their dates are written in. Notemend reads every note once in the background after Obsidian starts, then only the notes that change.",
			)
			.addToggle((toggle) =>
				toggle.setValue(settings.vaultIndex).onChange((value) => {
					settings.vaultIndex = value;
					save();
				}),
			);
		new Setting(containerEl)
			.setName("Ignored folders")
			.setDesc("One folder a line. Notes below them are never changed automatically or by the vault clean-up. A note can also opt out with notemend: false in its frontmatter.")
			.addTextArea((area) => {
				area.setPlaceholder("Templates").setValue(formatLines(settings.ignoredFolders)).onChange((value) => {
					settings.ignoredFolders = parseLines(value).map(normalizeFolder).filter((f) => f !== "");
					save();
				});
				area.inputEl.rows = 3;
				area.inputEl.addClass("notemend-textarea");
			});
	}
}
