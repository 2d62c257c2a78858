// The keys Obsidian Linter writes, with the real WASM core: its reading of
// the Linter's settings, and normalize leaving exactly those keys as written.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createBindings } from "notemend-wasm/factory";
import { normalizeNote } from "../../src/core/actions";
import { scanVault } from "../../src/core/cleanup";
import { NotemendCore } from "../../src/core/core";
import { KeptKeys, keepingKeys } from "../../src/core/kept-keys";
import { defaultSettings, withOnly } from "../../src/core/settings";
import { compileEmbedded } from "../../src/wasm";
import { FakeEditor, MemoryVault } from "../unit/fakes";

const load = (): Promise<NotemendCore> => NotemendCore.load(compileEmbedded, createBindings);

const ENABLED = JSON.stringify(["dataview", "obsidian-linter"]);
const RULE = (enabled: boolean): string =>
	JSON.stringify({ ruleConfigs: { "yaml-timestamp": { enabled, "date-created": true, "date-modified": true, format: "dddd, MMMM Do YYYY, h:mm:ss a" } } });
const NOTE = "---\ndate created: Wednesday, January 1st 2020, 12:00:00 am\ndate modified: 12-11-2023 04:11 PM\ndue: 16/09/2025\n---\n";
const KEPT_NOTE = "---\ndate created: Wednesday, January 1st 2020, 12:00:00 am\ndate modified: 12-11-2023 04:11 PM\ndue: 2025-09-16\n---\n";
const DATES = withOnly(defaultSettings(), ["dates"]);

test("linterKeptKeys: the Linter's timestamp keys while it is enabled with its rule on; none otherwise", async () => {
	const core = await load();
	const by = "Obsidian Linter's YAML timestamp";
	assert.deepEqual(core.linterKeptKeys(ENABLED, RULE(true)), [
		{ key: "date created", by },
		{ key: "date modified", by },
	]);
	assert.deepEqual(core.linterKeptKeys(JSON.stringify(["dataview"]), RULE(true)), [], "not enabled");
	assert.deepEqual(core.linterKeptKeys(ENABLED, RULE(false)), [], "rule off");
	assert.deepEqual(core.linterKeptKeys(ENABLED, ""), [], "no data.json");
	assert.deepEqual(core.linterKeptKeys("", RULE(true)), [], "no community-plugins.json");
});

test("normalize with keptKeys leaves the Linter's keys in its format and repairs the other dates", async () => {
	const core = await load();
	const without = core.normalize(NOTE, DATES);
	assert.ok(!without.text.includes("date modified: 12-11-2023 04:11 PM"), without.text);
	const keptKeys = core.linterKeptKeys(ENABLED, RULE(true));
	const kept = core.normalize(NOTE, DATES, { people: [], dateOrder: null, keptKeys });
	assert.equal(kept.text, KEPT_NOTE);
	assert.deepEqual(core.normalize(NOTE, DATES, { people: [], dateOrder: null, keptKeys: [] }).text, without.text);
});

test("through the plugin's ports: the command and the clean-up keep the keys while the Linter's rule is on, not after it is turned off", async () => {
	const core = await load();
	const vault = new MemoryVault({ "a.md": NOTE });
	vault.dataFiles.set(".obsidian/community-plugins.json", ENABLED);
	vault.dataFiles.set(".obsidian/plugins/obsidian-linter/data.json", RULE(true));
	const kept = new KeptKeys(vault.data, ".obsidian", () => core);
	await kept.refresh();
	const port = keepingKeys(core, () => kept.current);

	const editor = new FakeEditor(NOTE);
	assert.equal(normalizeNote(editor, port, DATES, "a.md").kind, "changed");
	assert.equal(editor.text, KEPT_NOTE);
	const plan = await scanVault(vault, port, DATES);
	assert.equal(plan.files[0]?.text, KEPT_NOTE);

	vault.dataFiles.set(".obsidian/plugins/obsidian-linter/data.json", RULE(false));
	await kept.refresh();
	const off = new FakeEditor(NOTE);
	normalizeNote(off, port, DATES, "a.md");
	assert.equal(off.text, core.normalize(NOTE, DATES).text);
	assert.notEqual(off.text, KEPT_NOTE);
});
