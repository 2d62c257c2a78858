// The plugin's settings: the same JSON the CLI reads with `--config`
// (src/config.rs). Defaults are merged on load; values of the wrong type
// fall back to the default instead of breaking the plugin.

import type { FixName } from "./types";

export type DateOrder = "auto" | "dmy" | "mdy";

export interface NotemendSettings {
	fixes: Record<FixName, boolean>;
	dateFormat: string;
	dateOrder: DateOrder;
	dateKeys: string[];
	runningTextDates: boolean;
	peopleKeys: string[];
	knownPeople: string[];
	me: string;
	ignoredFolders: string[];
	tagsBeforeFields: boolean;
	fixOnSave: boolean;
	fixOnLeave: boolean;
	/** Fix on save, on leave and the note commands judge a note with the vault index (see core/vault-facts). */
	vaultIndex: boolean;
}

export interface FixInfo {
	name: FixName;
	label: string;
	description: string;
	example: { before: string; after: string };
}

/** The catalogue, in pipeline order, with what the settings tab shows. */
export const FIXES: readonly FixInfo[] = [
	{
		name: "mojibake",
		label: "Mojibake",
		description: "Characters garbled by a wrong code page are decoded back.",
		example: { before: "ğŸ“… Itâ€™s due", after: "📅 It’s due" },
	},
	{
		name: "duplicate-names",
		label: "Doubled names",
		description: "A person's name with a word written twice is repaired.",
		example: { before: "@Lior Genzel Genzel", after: "@Lior Genzel" },
	},
	{
		name: "dates",
		label: "Dates",
		description: "Dates in frontmatter, task fields and labelled lines use one format.",
		example: { before: "due: 16.09.2025", after: "due: 2025-09-16" },
	},
	{
		name: "tasks",
		label: "Tasks lines",
		description: "Tasks signifiers, field order and spacing are tidied.",
		example: { before: "- [ ] Call 📅2025-09-16 ⏫", after: "- [ ] Call ⏫ 📅 2025-09-16" },
	},
	{
		name: "frontmatter",
		label: "Frontmatter",
		description: "Frontmatter is tidied with minimal changes: dates, tags as a list, folded text.",
		example: { before: "tags: #a, #b", after: "tags:⏎  - a⏎  - b" },
	},
	{
		name: "whitespace",
		label: "Whitespace",
		description: "Trailing spaces, blank lines around headings and runs of blank lines, a final newline.",
		example: { before: "text··⏎⏎⏎⏎# Heading", after: "text⏎⏎# Heading" },
	},
];

export const FIX_NAMES: readonly FixName[] = FIXES.map((f) => f.name);

export function fixLabel(name: string): string {
	return FIXES.find((f) => f.name === name)?.label ?? name;
}

export function defaultSettings(): NotemendSettings {
	return {
		fixes: {
			mojibake: true,
			"duplicate-names": true,
			dates: true,
			tasks: true,
			frontmatter: true,
			whitespace: true,
		},
		dateFormat: "YYYY-MM-DD",
		dateOrder: "auto",
		dateKeys: [],
		runningTextDates: false,
		peopleKeys: [],
		knownPeople: [],
		me: "",
		ignoredFolders: [],
		tagsBeforeFields: false,
		fixOnSave: false,
		fixOnLeave: false,
		vaultIndex: true,
	};
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, fallback: string[]): string[] {
	if (!Array.isArray(value)) return fallback;
	return value.filter((v): v is string => typeof v === "string").map((v) => v.trim()).filter((v) => v !== "");
}

/** Defaults merged with whatever loadData returned (possibly null or stale). */
export function mergeSettings(loaded: unknown): NotemendSettings {
	const settings = defaultSettings();
	if (!isRecord(loaded)) return settings;
	if (isRecord(loaded.fixes)) {
		for (const name of FIX_NAMES) {
			const value = loaded.fixes[name];
			if (typeof value === "boolean") settings.fixes[name] = value;
		}
	}
	if (typeof loaded.dateFormat === "string" && loaded.dateFormat.trim() !== "") settings.dateFormat = loaded.dateFormat;
	if (loaded.dateOrder === "auto" || loaded.dateOrder === "dmy" || loaded.dateOrder === "mdy") settings.dateOrder = loaded.dateOrder;
	settings.dateKeys = stringList(loaded.dateKeys, settings.dateKeys);
	settings.peopleKeys = stringList(loaded.peopleKeys, settings.peopleKeys);
	settings.knownPeople = stringList(loaded.knownPeople, settings.knownPeople);
	settings.ignoredFolders = stringList(loaded.ignoredFolders, settings.ignoredFolders).map(normalizeFolder).filter((f) => f !== "");
	if (typeof loaded.me === "string") settings.me = loaded.me.trim();
	for (const key of ["runningTextDates", "tagsBeforeFields", "fixOnSave", "fixOnLeave", "vaultIndex"] as const) {
		const value = loaded[key];
		if (typeof value === "boolean") settings[key] = value;
	}
	return settings;
}

/** The settings with only the `only` fixes turned on. */
export function withOnly(settings: NotemendSettings, only: readonly FixName[]): NotemendSettings {
	const fixes = { ...settings.fixes };
	for (const name of FIX_NAMES) fixes[name] = only.includes(name);
	return { ...settings, fixes };
}

export function normalizeFolder(folder: string): string {
	return folder.trim().replace(/\\/g, "/").replace(/^\.?\/+/, "").replace(/\/+$/, "");
}

/** One entry a line, for the text areas of the settings tab. */
export function parseLines(text: string): string[] {
	return text.split(/\r?\n|,/).map((s) => s.trim()).filter((s) => s !== "");
}

export function formatLines(list: readonly string[]): string {
	return list.join("\n");
}
