import assert from "node:assert/strict";
import { test } from "node:test";
import { autoFixInEditor, normalizeNote } from "../../src/core/actions";
import { scanVault } from "../../src/core/cleanup";
import { AutoFixGuard } from "../../src/core/guard";
import { keepingKeys } from "../../src/core/kept-keys";
import { HeldVault } from "../../src/core/prepared-vault";
import { defaultSettings } from "../../src/core/settings";
import type { KeptKey, VaultContext } from "../../src/core/types";
import { VaultFacts, withVaultContext } from "../../src/core/vault-facts";
import { FakeCore, FakeEditor, MemoryVault } from "./fakes";

const BY = "Obsidian Linter's YAML timestamp";
const context = (...people: string[]): VaultContext => ({ people, dateOrder: null });

test("the same context and keys: the handle is reused, prepared once with the keys in it", () => {
	const core = new FakeCore();
	const held = new HeldVault(() => core);
	const ctx = context("ada");
	const first = held.vaultFor(ctx, [{ key: "updated", by: BY }]);
	// The keys read again, the same keys in a new array (mobile reads them every few seconds).
	const second = held.vaultFor(ctx, [{ key: "updated", by: BY }]);
	assert.equal(second, first);
	assert.equal(core.prepared.length, 1);
	assert.deepEqual(core.prepared[0]?.context, { people: ["ada"], dateOrder: null, keptKeys: [{ key: "updated", by: BY }] });
	assert.equal(held.current, first);
});

test("a new context or other keys: a new handle, the one it replaces freed", () => {
	const core = new FakeCore();
	const held = new HeldVault(() => core);
	const ctx = context("ada");
	held.vaultFor(ctx, []);
	held.vaultFor(context("ada", "bob"), []);
	assert.equal(core.prepared.length, 2);
	assert.deepEqual(
		core.prepared.map((v) => v.freed),
		[true, false],
	);
	held.vaultFor(held.current?.context ?? ctx, [{ key: "updated", by: BY }]);
	assert.equal(core.prepared.length, 3, "the keys changed");
	assert.deepEqual(
		core.prepared.map((v) => v.freed),
		[true, true, false],
	);
});

test("no context (the index unread or turned off) and release: the handle is freed, nothing passed", () => {
	const core = new FakeCore();
	const held = new HeldVault(() => core);
	held.vaultFor(context("ada"), []);
	assert.equal(held.vaultFor(undefined, []), undefined);
	assert.equal(core.prepared[0]?.freed, true);
	assert.equal(held.current, null);
	held.vaultFor(context("ada"), []);
	held.release();
	held.release();
	assert.deepEqual(
		core.prepared.map((v) => v.freed),
		[true, true],
	);
});

test("a handle the core lost (a trap) is prepared again", () => {
	const core = new FakeCore();
	const held = new HeldVault(() => core);
	const ctx = context("ada");
	const first = held.vaultFor(ctx, []);
	// As NotemendCore reports a vault of a replaced instance.
	core.prepared[0]?.free();
	const second = held.vaultFor(ctx, []);
	assert.notEqual(second, first);
	assert.equal(core.prepared.length, 2);
	assert.equal(second, core.prepared[1]);
});

test("without a core, or when preparing fails, the context goes as an object, with the keys; a failure is not retried for the same context", () => {
	const keys: KeptKey[] = [{ key: "updated", by: BY }];
	assert.deepEqual(new HeldVault(() => null).vaultFor(context("ada"), keys), { people: ["ada"], dateOrder: null, keptKeys: keys });
	const core = new FakeCore();
	let asked = 0;
	core.prepareVault = () => {
		asked += 1;
		throw new Error("boom");
	};
	const errors = console.error;
	console.error = (): void => undefined;
	try {
		const held = new HeldVault(() => core);
		const ctx = context("ada");
		assert.deepEqual(held.vaultFor(ctx, keys), { people: ["ada"], dateOrder: null, keptKeys: keys });
		assert.deepEqual(held.vaultFor(ctx, keys), { people: ["ada"], dateOrder: null, keptKeys: keys });
		assert.equal(asked, 1, "every note of a clean-up would otherwise ask, and log, again");
		held.vaultFor(context("ada", "bob"), keys);
		assert.equal(asked, 2, "a new context is asked for");
		held.release();
	} finally {
		console.error = errors;
	}
});

test("saves reuse one handle until a note's facts change; the clean-up keeps its own context", async () => {
	const vault = new MemoryVault({ "a.md": "@ada\n", "b.md": "@bob\n" });
	const core = new FakeCore();
	const settings = { ...defaultSettings(), fixOnSave: true };
	const facts = new VaultFacts(vault, () => core, () => settings);
	const held = new HeldVault(() => core);
	const keys: KeptKey[] = [{ key: "updated", by: BY }];
	const port = withVaultContext(keepingKeys(core, () => keys), () => held.vaultFor(facts.context(), keys));
	const save = (text: string): void => {
		autoFixInEditor("save", "n.md", new FakeEditor(text), port, settings, new AutoFixGuard());
	};

	save("x  \n");
	assert.equal(core.prepared.length, 0, "before the fill: nothing to prepare");
	assert.deepEqual(core.lastVault, { people: [], dateOrder: null, keptKeys: keys });

	await facts.start();
	for (const text of ["x  \n", "y  \n", "z  \n"]) save(text);
	normalizeNote(new FakeEditor("w  \n"), port, settings, "n.md");
	assert.equal(core.prepared.length, 1, "three saves and a command, one handle");
	assert.equal(core.lastPrepared, core.prepared[0]);
	assert.deepEqual(core.lastVault, { people: ["ada", "bob"], dateOrder: null, keptKeys: keys });

	vault.files.set("b.md", "@bob @cy\n");
	await facts.changed("b.md");
	save("x  \n");
	assert.equal(core.prepared.length, 2, "the facts changed: a new handle");
	assert.equal(core.prepared[0]?.freed, true, "the old one freed");
	assert.deepEqual(core.lastVault, { people: ["ada", "bob", "cy"], dateOrder: null, keptKeys: keys });

	vault.files.set("b.md", "@bob @cy  \n");
	await facts.changed("b.md");
	save("x  \n");
	assert.equal(core.prepared.length, 2, "the same facts: the same handle");

	await scanVault(vault, port, settings);
	assert.equal(core.prepared.length, 3, "the clean-up prepares the context it read, once for every note");
	assert.deepEqual(core.lastVault, { people: ["ada", "bob", "cy"], dateOrder: null, keptKeys: keys }, "with the kept keys");
	assert.equal(core.lastPrepared?.freed, true, "and frees it when the scan ends");
	assert.equal(core.prepared[1]?.freed, false, "the single notes' handle stays");

	facts.stop();
	save("x  \n");
	assert.equal(core.prepared[1]?.freed, true, "the index stopped: its handle freed");
});
