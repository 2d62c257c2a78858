import assert from "node:assert/strict";
import { test } from "node:test";
import { autoFixInEditor, autoFixText, fixMojibakeInSelection, normalizeNote, previewNote } from "../../src/core/actions";
import { scanVault } from "../../src/core/cleanup";
import { AutoFixGuard } from "../../src/core/guard";
import { keepingKeys } from "../../src/core/kept-keys";
import type { NotemendSettings } from "../../src/core/settings";
import { defaultSettings } from "../../src/core/settings";
import type { KeptKey } from "../../src/core/types";
import { VaultFacts, withVaultContext } from "../../src/core/vault-facts";
import { FakeCore, FakeEditor, MemoryVault } from "./fakes";

// FakeCore's facts are the `@word` mentions of a note; its context lists them, sorted.
const NOTES: Record<string, string> = {
	"a.md": "@ada wrote this\n",
	"b.md": "@bob too\n",
	"opted.md": "---\nnotemend: false\n---\n@olga\n",
	"board.md": "---\nkanban-plugin: basic\n---\n@kim\n",
	"drawing.excalidraw.md": "@xavi\n",
	"Templates/t.md": "@tom\n",
	"Private/p.md": "@pat\n",
	"image.png": "@png\n",
};

interface Setup {
	vault: MemoryVault;
	core: FakeCore;
	settings: NotemendSettings;
	facts: VaultFacts;
	excluded: string[];
}

function setup(notes: Record<string, string> = NOTES, change: Partial<NotemendSettings> = {}): Setup {
	const vault = new MemoryVault(notes);
	const core = new FakeCore();
	const settings = { ...defaultSettings(), ignoredFolders: ["Templates"], ...change };
	const excluded = ["Private/"];
	const facts = new VaultFacts(vault, () => core, () => settings, { excluded: () => excluded, batchSize: 2 });
	return { vault, core, settings, facts, excluded };
}

const people = (f: VaultFacts): string[] | undefined => f.context()?.people;

/** Lets pending reads (promise callbacks) run. */
async function settle(): Promise<void> {
	for (let i = 0; i < 10; i++) await Promise.resolve();
}

test("the fill reads every note once and counts the clean-up's notes only", async () => {
	const { vault, facts, settings, excluded } = setup();
	assert.equal(facts.context(), undefined, "nothing before the fill");
	await facts.start();
	assert.deepEqual([...vault.reads].sort(), Object.keys(NOTES).filter((p) => p.endsWith(".md")).sort(), "each note read once, no other file");
	assert.deepEqual(people(facts), ["ada", "bob"], "not opted out, owned, ignored or excluded");
	assert.equal(facts.factsOf("opted.md"), undefined);
	assert.equal(facts.factsOf("board.md"), undefined);
	assert.equal(facts.factsOf("drawing.excalidraw.md"), undefined);
	settings.ignoredFolders = [];
	assert.deepEqual(people(facts), ["ada", "bob", "tom"], "ignored folders as the settings say now, without reading again");
	excluded.length = 0;
	assert.deepEqual(people(facts), ["ada", "bob", "pat", "tom"], "Obsidian's excluded files as they are now");
	assert.equal(vault.reads.length, 7);
});

test("the core gets the same facts, in the same order, as the clean-up's (the first spelling of a name wins)", async () => {
	const notes = { "b.md": "@Bo\n", "Z/c.md": "@Cy\n", "a.md": "@Al\n", "B.md": "@Bea\n", "é.md": "@Eve\n" };
	const { core, facts } = setup(notes);
	const given: unknown[] = [];
	const context = core.vaultContext.bind(core);
	core.vaultContext = (f) => {
		given.push(f);
		return context(f);
	};
	await facts.start();
	facts.context();
	await scanVault(new MemoryVault(notes), core, defaultSettings());
	assert.equal(given.length, 2);
	assert.deepEqual(given[0], given[1]);
	assert.deepEqual((given[0] as { people: string[] }[]).map((f) => f.people[0]), ["Al", "Bo", "Bea", "Eve", "Cy"]);
});

test("the order stays the clean-up's as notes change, come, go and move, and as the scope changes", async () => {
	const notes: Record<string, string> = { "b.md": "@Bo\n", "d.md": "@Di\n", "Templates/t.md": "@Tom\n" };
	const { vault, core, facts, settings } = setup(notes);
	const order = (): (string | undefined)[] => {
		let given: { people: string[] }[] = [];
		const context = core.vaultContext.bind(core);
		core.vaultContext = (f) => {
			given = f;
			return context(f);
		};
		facts.context();
		core.vaultContext = context;
		return given.map((f) => f.people[0]);
	};
	const write = async (path: string, text: string): Promise<void> => {
		vault.files.set(path, text);
		await facts.changed(path);
	};
	await facts.start();
	assert.deepEqual(order(), ["Bo", "Di"]);
	await write("d.md", "@Dan\n");
	assert.deepEqual(order(), ["Bo", "Dan"], "a note's facts changed, in place");
	await write("a.md", "@Al\n");
	assert.deepEqual(order(), ["Al", "Bo", "Dan"], "a note came");
	vault.files.delete("b.md");
	facts.deleted("b.md");
	assert.deepEqual(order(), ["Al", "Dan"], "a note went");
	vault.files.set("e.md", vault.files.get("a.md") ?? "");
	vault.files.delete("a.md");
	facts.renamed("a.md", "e.md");
	assert.deepEqual(order(), ["Dan", "Al"], "a note moved");
	settings.ignoredFolders = [];
	assert.deepEqual(order(), ["Dan", "Al", "Tom"], "the scope changed");
});

test("no context until the first fill has completed; the fill yields between batches", async () => {
	const vault = new MemoryVault(NOTES);
	const core = new FakeCore();
	const settings = defaultSettings();
	let release: () => void = () => undefined;
	let yields = 0;
	const yieldToUi = (): Promise<void> => {
		yields += 1;
		return new Promise((resolve) => (release = resolve));
	};
	const facts = new VaultFacts(vault, () => core, () => settings, { yieldToUi, batchSize: 3 });
	const filling = facts.start();
	await settle();
	assert.equal(yields, 1, "one batch read, then the UI's turn");
	assert.equal(vault.reads.length, 3);
	assert.equal(facts.context(), undefined, "part of the vault read: no context yet");
	assert.equal(withVaultContext(core, () => facts.context()).normalize("x  \n", settings).text, "x\n");
	assert.equal(core.lastVault, undefined, "a single note is repaired as before the index");
	for (let i = 0; i < 5; i++) {
		release();
		await settle();
	}
	await filling;
	assert.deepEqual(people(facts), ["ada", "bob", "pat", "tom"]);
});

test("with no core loaded yet, a fill counts for nothing; the next one reads the notes", async () => {
	const vault = new MemoryVault(NOTES);
	const core = new FakeCore();
	let loaded: FakeCore | null = null;
	const facts = new VaultFacts(vault, () => loaded, () => defaultSettings());
	await facts.start();
	assert.equal(facts.ready, false);
	assert.equal(facts.context(), undefined);
	loaded = core;
	await facts.sync();
	assert.equal(facts.ready, true);
	assert.deepEqual(people(facts), ["ada", "bob", "pat", "tom"]);
});

test("stop cancels the fill between batches and ignores later events", async () => {
	const vault = new MemoryVault(NOTES);
	const core = new FakeCore();
	let release: () => void = () => undefined;
	const facts = new VaultFacts(vault, () => core, () => defaultSettings(), { yieldToUi: () => new Promise((r) => (release = r)), batchSize: 2 });
	const filling = facts.start();
	await settle();
	facts.stop();
	release();
	await settle();
	assert.equal(vault.reads.length, 2, "no batch read after the stop");
	await filling;
	assert.equal(facts.context(), undefined);
	vault.files.set("new.md", "@nia\n");
	await facts.changed("new.md");
	assert.equal(vault.reads.length, 2, "events after unload read nothing");
	assert.equal(facts.size, 0);
});

test("a modified note is read again, alone; the context is built again only when some facts changed", async () => {
	const { vault, core, facts } = setup();
	await facts.start();
	assert.deepEqual(people(facts), ["ada", "bob"]);
	assert.equal(core.contextCalls, 1);
	assert.deepEqual(people(facts), ["ada", "bob"]);
	assert.equal(core.contextCalls, 1, "nothing changed: the context is kept");
	vault.reads.length = 0;
	vault.files.set("a.md", "@alice wrote this\n");
	await facts.changed("a.md");
	assert.deepEqual(vault.reads, ["a.md"], "only the note that changed");
	assert.deepEqual(people(facts), ["alice", "bob"]);
	assert.equal(core.contextCalls, 2);
	vault.files.set("a.md", "@alice wrote this, and more\n");
	await facts.changed("a.md");
	assert.deepEqual(people(facts), ["alice", "bob"]);
	assert.equal(core.contextCalls, 2, "an edit that changes no facts: not built again");
	vault.files.set("a.md", "---\nnotemend: false\n---\n@alice\n");
	await facts.changed("a.md");
	assert.deepEqual(people(facts), ["bob"], "a note that now opts out counts no more");
	vault.files.set("c.md", "@cy\n");
	await facts.changed("c.md");
	assert.deepEqual(people(facts), ["bob", "cy"], "a created note counts");
	await facts.changed("image.png");
	assert.ok(!vault.reads.includes("image.png"), "not a note");
});

test("a deleted note's facts go, a folder's notes with it", async () => {
	const { facts, settings } = setup();
	settings.ignoredFolders = [];
	await facts.start();
	assert.deepEqual(people(facts), ["ada", "bob", "tom"]);
	facts.deleted("b.md");
	assert.equal(facts.factsOf("b.md"), undefined);
	assert.deepEqual(people(facts), ["ada", "tom"]);
	facts.deleted("Templates");
	assert.deepEqual(people(facts), ["ada"]);
});

test("a read in flight when its note is deleted or renamed does not bring the old path back", async () => {
	const { vault, facts } = setup({ "a.md": "@ada\n" });
	await facts.start();
	vault.files.set("a.md", "@anna\n");
	const reading = facts.changed("a.md");
	facts.deleted("a.md");
	await reading;
	assert.equal(facts.factsOf("a.md"), undefined);
	assert.deepEqual(people(facts), []);

	vault.files.set("b.md", "@bo\n");
	const second = facts.changed("b.md");
	vault.files.set("c.md", "@bo\n");
	vault.files.delete("b.md");
	facts.renamed("b.md", "c.md");
	await second;
	await settle();
	assert.equal(facts.factsOf("b.md"), undefined);
	assert.deepEqual(facts.factsOf("c.md")?.people, ["bo"], "read at its new path");
});

test("a renamed note's facts move with it, without reading it again; a folder's move with it", async () => {
	const { vault, facts, settings } = setup();
	await facts.start();
	vault.reads.length = 0;
	const ada = facts.factsOf("a.md");
	vault.files.set("Templates/a.md", vault.files.get("a.md") ?? "");
	vault.files.delete("a.md");
	facts.renamed("a.md", "Templates/a.md");
	assert.equal(facts.factsOf("a.md"), undefined);
	assert.equal(facts.factsOf("Templates/a.md"), ada);
	assert.deepEqual(people(facts), ["bob"], "moved into an ignored folder");
	facts.renamed("Templates", "Notes");
	assert.deepEqual(facts.factsOf("Notes/a.md")?.people, ["ada"]);
	assert.deepEqual(people(facts), ["ada", "bob", "tom"], "the folder is no longer ignored");
	facts.renamed("Notes/t.md", "Notes/t.md.bak");
	assert.equal(facts.factsOf("Notes/t.md.bak"), undefined, "no longer a note");
	assert.deepEqual(people(facts), ["ada", "bob"]);
	assert.deepEqual(vault.reads, [], "nothing read again");
	settings.ignoredFolders = [];
	vault.files.set("opted-renamed.md", vault.files.get("opted.md") ?? "");
	facts.renamed("opted.md", "opted-renamed.md");
	await settle();
	assert.deepEqual(vault.reads, ["opted-renamed.md"], "a note without facts is read at its new path");
	assert.equal(facts.factsOf("opted-renamed.md"), undefined, "and still opts out");
});

test("turned off by the setting: no reads, no context; on again, a fill; settings the facts depend on read the notes again", async () => {
	const { vault, core, facts, settings } = setup(NOTES, { vaultIndex: false });
	await facts.start();
	assert.equal(vault.reads.length, 0, "off: the vault is not read");
	assert.equal(facts.context(), undefined);
	await facts.changed("a.md");
	assert.equal(vault.reads.length, 0, "off: events read nothing");
	settings.vaultIndex = true;
	await facts.sync();
	assert.deepEqual(people(facts), ["ada", "bob"]);
	const reads = vault.reads.length;
	settings.fixOnSave = true;
	settings.ignoredFolders = [];
	await facts.sync();
	assert.equal(vault.reads.length, reads, "switches that change no facts: nothing read again");
	settings.knownPeople = ["Zed"];
	await facts.sync();
	assert.equal(vault.reads.length, 2 * reads, "every note read again");
	settings.vaultIndex = false;
	await facts.sync();
	assert.equal(facts.context(), undefined);
	assert.equal(facts.size, 0, "the facts are dropped");
	const port = withVaultContext(core, () => facts.context());
	port.normalize("a  \n", settings);
	assert.equal(core.lastVault, undefined);
});

test("a core that fails on a note or on the context does not stop a save", async () => {
	const { core, facts } = setup({ "a.md": "@ada\n", "b.md": "@bob boom\n" });
	const noteFacts = core.noteFacts.bind(core);
	core.noteFacts = (text) => {
		if (text.includes("boom")) throw new Error("boom");
		return noteFacts(text);
	};
	const error = console.error;
	console.error = () => undefined;
	try {
		await facts.start();
		assert.deepEqual(people(facts), ["ada"]);
		core.vaultContext = () => {
			throw new Error("boom");
		};
		await facts.changed("a.md");
		facts.deleted("a.md");
		assert.equal(facts.context(), undefined);
	} finally {
		console.error = error;
	}
});

test("every single-note repair gets the vault's context, with the kept keys; the clean-up keeps its own", async () => {
	const { vault, core, facts, settings } = setup({ "a.md": "@ada\n", "b.md": "@bob  \n" });
	const keys: KeptKey[] = [{ key: "updated", by: "Obsidian Linter's YAML timestamp" }];
	const port = withVaultContext(keepingKeys(core, () => keys), () => facts.context());
	const expected = { people: ["ada", "bob"], dateOrder: null, keptKeys: keys };
	const forget = (): void => {
		core.lastVault = undefined;
	};

	normalizeNote(new FakeEditor("x  \n"), port, settings, "n.md");
	assert.deepEqual(core.lastVault, { people: [], dateOrder: null, keptKeys: keys }, "before the fill: the kept keys alone, as before");

	await facts.start();
	forget();
	normalizeNote(new FakeEditor("x  \n"), port, settings, "n.md");
	assert.deepEqual(core.lastVault, expected, "normalize current note");
	forget();
	previewNote(new FakeEditor("x  \n"), port, settings);
	assert.deepEqual(core.lastVault, expected, "preview");
	forget();
	fixMojibakeInSelection(new FakeEditor("x  \n", { from: 0, to: 3 }), port, settings);
	assert.deepEqual(core.lastVault, expected, "fix mojibake in selection");
	const auto = { ...settings, fixOnSave: true, fixOnLeave: true };
	forget();
	assert.equal(autoFixInEditor("save", "n.md", new FakeEditor("x  \n"), port, auto, new AutoFixGuard()), true);
	assert.deepEqual(core.lastVault, expected, "fix on save");
	forget();
	assert.equal(autoFixText("leave", "n.md", "y  \n", port, auto, new AutoFixGuard()), "y\n");
	assert.deepEqual(core.lastVault, expected, "fix on leave");

	vault.files.set("c.md", "@cy\n");
	const plan = await scanVault(vault, port, { ...settings, ignoredFolders: [] }, {}, { folder: null });
	assert.equal(plan.files.length, 1);
	assert.deepEqual(core.lastVault, { people: ["ada", "bob", "cy"], dateOrder: null, keptKeys: keys }, "the clean-up's own context, read now");
	assert.equal(facts.factsOf("c.md"), undefined, "the clean-up does not feed the index: events do");
});
