import assert from "node:assert/strict";
import { test } from "node:test";
import { autoFixInEditor, autoFixText, fixMojibakeInSelection, normalizeNote, previewNote } from "../../src/core/actions";
import { scanVault } from "../../src/core/cleanup";
import { AutoFixGuard } from "../../src/core/guard";
import { KeptKeys, STALE_MS, describeKept, keepingKeys, withKept } from "../../src/core/kept-keys";
import { defaultSettings } from "../../src/core/settings";
import { FakeCore, FakeEditor, MemoryVault } from "./fakes";

const PLUGINS = ".obsidian/community-plugins.json";
const LINTER = ".obsidian/plugins/obsidian-linter/data.json";
const RULE_ON = JSON.stringify({ ruleConfigs: { "yaml-timestamp": { enabled: true, "date-modified-key": "updated" } } });
const RULE_OFF = JSON.stringify({ ruleConfigs: { "yaml-timestamp": { enabled: false } } });
const BY = "Obsidian Linter's YAML timestamp";

/** A vault whose config folder holds the two files (`null`: the file is absent). */
function vaultWith(plugins: string | null, linter: string | null, notes: Record<string, string> = {}): MemoryVault {
	const v = new MemoryVault(notes);
	if (plugins !== null) v.dataFiles.set(PLUGINS, plugins);
	if (linter !== null) v.dataFiles.set(LINTER, linter);
	return v;
}

/** Forgets the vault context the fake core last saw, so the next call's is checked. */
function forget(core: FakeCore): void {
	core.lastVault = undefined;
}

function keptKeysOf(v: MemoryVault, core: FakeCore, clock?: () => number): KeptKeys {
	return new KeptKeys(v.data, ".obsidian", () => core, clock);
}

test("Linter enabled with its rule on: the core reads both files from the config folder, and every normalize gets the keys", async () => {
		const v = vaultWith(JSON.stringify(["dataview", "obsidian-linter"]), RULE_ON);
		const core = new FakeCore();
		const kept = keptKeysOf(v, core);
		assert.deepEqual(kept.current, [], "nothing before the first read");
		assert.deepEqual(await kept.refresh(), [{ key: "updated", by: BY }]);
		assert.deepEqual(core.keptKeysCalls, [[v.dataFiles.get(PLUGINS), RULE_ON]]);

		const port = keepingKeys(core, () => kept.current);
		const expected = [{ key: "updated", by: BY }];
		const s = defaultSettings();
		normalizeNote(new FakeEditor("a  \n"), port, s, "n.md");
		assert.deepEqual(core.lastVault, { people: [], dateOrder: null, keptKeys: expected }, "the command");
		forget(core);
		previewNote(new FakeEditor("a  \n"), port, s);
		assert.deepEqual(core.lastVault?.keptKeys, expected, "preview");
		forget(core);
		fixMojibakeInSelection(new FakeEditor("a  \n", { from: 0, to: 4 }), port, s);
		assert.deepEqual(core.lastVault?.keptKeys, expected, "fix in selection");
		const auto = { ...s, fixOnSave: true, fixOnLeave: true };
		forget(core);
		assert.equal(autoFixInEditor("save", "n.md", new FakeEditor("a  \n"), port, auto, new AutoFixGuard()), true);
		assert.deepEqual(core.lastVault?.keptKeys, expected, "fix on save");
		forget(core);
		assert.equal(autoFixText("leave", "n.md", "b  \n", port, auto, new AutoFixGuard()), "b\n");
		assert.deepEqual(core.lastVault?.keptKeys, expected, "fix on leave");
});

test("the clean-up's normalize gets the kept keys merged with its vault context", async () => {
	const v = vaultWith(JSON.stringify(["obsidian-linter"]), RULE_ON, { "a.md": "@ada wrote  \n", "b.md": "@bob  \n" });
	const core = new FakeCore();
	const kept = keptKeysOf(v, core);
	await kept.refresh();
	const plan = await scanVault(v, keepingKeys(core, () => kept.current), defaultSettings());
	assert.equal(plan.files.length, 2);
	assert.deepEqual(core.lastVault, { people: ["ada", "bob"], dateOrder: null, keptKeys: [{ key: "updated", by: BY }] });
});

test("Linter disabled, its rule off, or the files missing: no keys, and normalize is called as before", async () => {
	const cases: [string, string | null, string | null][] = [
		["not enabled", JSON.stringify(["dataview"]), RULE_ON],
		["rule off", JSON.stringify(["obsidian-linter"]), RULE_OFF],
		["no data.json", JSON.stringify(["obsidian-linter"]), null],
		["no community-plugins.json", null, RULE_ON],
	];
	for (const [name, plugins, linter] of cases) {
		const core = new FakeCore();
		const kept = keptKeysOf(vaultWith(plugins, linter), core);
		assert.deepEqual(await kept.refresh(), [], name);
		assert.deepEqual(core.keptKeysCalls, [[plugins ?? "", linter ?? ""]], `${name}: a missing file reads as empty`);
		normalizeNote(new FakeEditor("a  \n"), keepingKeys(core, () => kept.current), defaultSettings(), "n.md");
		assert.equal(core.lastVault, undefined, `${name}: no vault context added`);
	}
});

test("a change to either file is picked up: raw events name them, and a refresh reads them again", async () => {
	const v = vaultWith(JSON.stringify(["obsidian-linter"]), RULE_ON);
	const core = new FakeCore();
	const kept = keptKeysOf(v, core);
	assert.ok(kept.isSource(PLUGINS) && kept.isSource(LINTER));
	assert.ok(!kept.isSource(".obsidian/plugins/notemend/data.json") && !kept.isSource("notes/community-plugins.json"));
	await kept.refresh();
	assert.equal(kept.current.length, 1);
	v.dataFiles.set(LINTER, RULE_OFF);
	await kept.refresh();
	assert.deepEqual(kept.current, [], "rule turned off");
	v.dataFiles.set(LINTER, RULE_ON);
	v.dataFiles.set(PLUGINS, "[]");
	await kept.refresh();
	assert.deepEqual(kept.current, [], "Linter disabled");
	v.dataFiles.set(PLUGINS, JSON.stringify(["obsidian-linter"]));
	await kept.refresh();
	assert.deepEqual(kept.current, [{ key: "updated", by: BY }], "enabled again");
	assert.ok(new KeptKeys(v.data, "conf/", () => core).isSource("conf/plugins/obsidian-linter/data.json"), "another config folder");
});

test("without raw events, automatic fixes re-read at most every few seconds, in the background", async () => {
	const v = vaultWith(JSON.stringify(["obsidian-linter"]), RULE_ON);
	const core = new FakeCore();
	let now = 1_000_000;
	const kept = keptKeysOf(v, core, () => now);
	await kept.refresh();
	v.dataFiles.set(LINTER, RULE_OFF);
	kept.refreshIfStale();
	await kept.refresh();
	assert.equal(core.keptKeysCalls.length, 2, "a refresh asked for is done");
	v.dataFiles.set(LINTER, RULE_ON);
	now += STALE_MS - 1;
	kept.refreshIfStale();
	await Promise.resolve();
	assert.equal(core.keptKeysCalls.length, 2, "read moments ago: not again");
	now += 1;
	kept.refreshIfStale();
	for (let i = 0; i < 5; i++) await Promise.resolve();
	assert.equal(core.keptKeysCalls.length, 3);
	assert.deepEqual(kept.current, [{ key: "updated", by: BY }]);
});

test("before the core is ready nothing is read; withKept keeps the vault's own context; describeKept names keys and writer", async () => {
	const v = vaultWith(JSON.stringify(["obsidian-linter"]), RULE_ON);
	const kept = new KeptKeys(v.data, ".obsidian", () => null);
	assert.deepEqual(await kept.refresh(), []);
	const context = { people: ["Ada"], dateOrder: "dmy" as const };
	assert.equal(withKept(context, []), context);
	assert.equal(withKept(undefined, []), undefined);
	assert.deepEqual(withKept(context, [{ key: "k", by: "X" }]), { people: ["Ada"], dateOrder: "dmy", keptKeys: [{ key: "k", by: "X" }] });
	assert.equal(
		describeKept([
			{ key: "date created", by: BY },
			{ key: "date modified", by: BY },
		]),
		`date created, date modified (${BY})`,
	);
});

test("a core that fails while reading the settings keeps the keys last read, and the refresh does not reject", async () => {
	const v = vaultWith(JSON.stringify(["obsidian-linter"]), RULE_ON);
	const core = new FakeCore();
	let fail = false;
	const port = {
		linterKeptKeys: (plugins: string, data: string) => {
			if (fail) throw new Error("core crashed");
			return core.linterKeptKeys(plugins, data);
		},
	};
	const kept = new KeptKeys(v.data, ".obsidian", () => port);
	await kept.refresh();
	v.dataFiles.set(LINTER, RULE_OFF);
	fail = true;
	const errors = console.error;
	console.error = (): void => undefined;
	try {
		assert.deepEqual(await kept.refresh(), [{ key: "updated", by: BY }]);
	} finally {
		console.error = errors;
	}
	fail = false;
	assert.deepEqual(await kept.refresh(), [], "read again once the core answers");
});
