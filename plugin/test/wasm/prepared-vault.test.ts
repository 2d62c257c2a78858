// The vault context prepared in the real WASM core: the same repairs as the
// context object, one handle for many saves, a new one (and the old freed)
// when the facts change, none left after unload or a trap.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { createBindings } from "notemend-wasm/factory";
import { autoFixInEditor } from "../../src/core/actions";
import type { Bindings } from "../../src/core/core";
import { CoreCrashError, NotemendCore } from "../../src/core/core";
import { AutoFixGuard } from "../../src/core/guard";
import { keepingKeys } from "../../src/core/kept-keys";
import { HeldVault } from "../../src/core/prepared-vault";
import { defaultSettings } from "../../src/core/settings";
import type { PreparedVault, VaultContext } from "../../src/core/types";
import { VaultFacts, withVaultContext } from "../../src/core/vault-facts";
import { compileEmbedded } from "../../src/wasm";
import { FakeEditor, MemoryVault } from "../unit/fakes";

const ROOT = path.resolve(__dirname, "../../..");
const FIXTURES = path.join(ROOT, "tests", "fixtures");

const load = (factory: () => Bindings = createBindings): Promise<NotemendCore> => NotemendCore.load(compileEmbedded, factory);

const VAULT: Record<string, string> = {
	"People/Standup.md": "**Attendees**: Mei Álvarez, Ýrsa Sigurðardóttir, Lior Genzel\n",
	"Log/a.md": "---\ndue: 25/12/2024\n---\n",
	"Log/b.md": "---\ndue: 31/01/2025\n---\n",
	"Log/c.md": "---\ndue: 13/02/2025\n---\n",
};

// Notes only the vault settles (a doubled name, a lost byte, a day-first date), a kept key, and every fixture.
const NOTES = [
	"Call Mei Álvarez Álvarez about the budget.\n",
	"Lunch with Ãrsa Sigurðardóttir today.\n",
	"---\ndue: 03/04/2025\ndate modified: 03/04/2025\n---\n",
	...fs
		.readdirSync(FIXTURES)
		.filter((f) => f.endsWith(".input.md"))
		.sort()
		.map((f) => fs.readFileSync(path.join(FIXTURES, f), "utf8")),
];

async function vaultContext(core: NotemendCore): Promise<VaultContext> {
	const facts = new VaultFacts(new MemoryVault(VAULT), () => core, () => defaultSettings());
	await facts.start();
	const context = facts.context();
	assert.ok(context);
	return { ...context, keptKeys: [{ key: "date modified", by: "Obsidian Linter's YAML timestamp" }] };
}

test("a prepared vault repairs every note as its context object does, the settings changing between calls", async () => {
	const core = await load();
	const context = await vaultContext(core);
	const vault = core.prepareVault(context);
	const settings = [
		defaultSettings(),
		{ ...defaultSettings(), knownPeople: ["Frank Ray"], me: "Lior Genzel" },
		{ ...defaultSettings(), fixes: { ...defaultSettings().fixes, dates: false } },
		{ ...defaultSettings(), dateOrder: "mdy" as const, dateFormat: "DD.MM.YYYY" },
	];
	let changed = 0;
	NOTES.forEach((text, i) => {
		for (const s of [...settings.slice(i % 4), ...settings.slice(0, i % 4)]) {
			const expected = core.normalize(text, s, context);
			changed += expected.changed ? 1 : 0;
			assert.deepEqual(core.normalize(text, s, vault), expected, text.slice(0, 60));
		}
	});
	assert.ok(changed > 50, `the notes get repairs: ${changed}`);
	for (const text of NOTES.slice(0, 3)) assert.notEqual(core.normalize(text, defaultSettings(), vault).text, text, "the vault settles it");
	vault.free();
});

test("the glue: a freed handle is an error, not a trap, and the instance goes on", async () => {
	const module = await compileEmbedded();
	const b = createBindings();
	b.initSync({ module });
	const handle = b.prepareVault({ people: ["Mei Álvarez"], dateOrder: null });
	assert.equal(handle.people, 1);
	handle.free();
	assert.throws(() => b.normalizePrepared("x", {}, handle), (e: unknown) => !(e instanceof WebAssembly.RuntimeError));
	assert.equal((b.normalize("x  ", {}, null) as { text: string }).text, "x\n");
	assert.equal(b.lastPanic(), undefined);
});

/** The core, recording every vault it prepares. */
function recording(core: NotemendCore): PreparedVault[] {
	const made: PreparedVault[] = [];
	const prepare = core.prepareVault.bind(core);
	core.prepareVault = (context) => {
		const vault = prepare(context);
		made.push(vault);
		return vault;
	};
	return made;
}

test("through the plugin's path: one handle for every save, a new one when a note's facts change, the old freed, none after release", async () => {
	const core = await load();
	const made = recording(core);
	const settings = { ...defaultSettings(), fixOnSave: true };
	const vault = new MemoryVault({ ...VAULT });
	const facts = new VaultFacts(vault, () => core, () => settings);
	const held = new HeldVault(() => core);
	const port = withVaultContext(keepingKeys(core, () => []), () => held.vaultFor(facts.context(), []));
	const save = (text: string): string => {
		const editor = new FakeEditor(text);
		autoFixInEditor("save", "New.md", editor, port, settings, new AutoFixGuard());
		return editor.text;
	};
	await facts.start();
	assert.equal(save("Call Mei Álvarez Álvarez about the budget.\n"), "Call Mei Álvarez about the budget.\n");
	assert.equal(save("Lunch with Ãrsa Sigurðardóttir today.\n"), "Lunch with Ýrsa Sigurðardóttir today.\n");
	assert.equal(save("---\ndue: 03/04/2025\n---\n"), "---\ndue: 2025-04-03\n---\n");
	assert.equal(made.length, 1, "three saves, one handle");

	vault.files.set("People/Standup.md", "**Attendees**: Ýrsa Sigurðardóttir, Lior Genzel\n");
	await facts.changed("People/Standup.md");
	assert.equal(save("Call Mei Álvarez Álvarez about the budget.\n"), "Call Mei Álvarez Álvarez about the budget.\n", "the vault no longer names her");
	assert.equal(made.length, 2);
	assert.equal(made[0]?.usable, false, "the replaced handle is freed");
	assert.equal(made[1]?.usable, true);
	held.release();
	assert.equal(made[1]?.usable, false, "released on unload");
});

test("after a trap the held handle is prepared again in the new instance, and repairs as before", async () => {
	let instance = 0;
	const factory = (): Bindings => {
		const bindings = createBindings();
		if (++instance === 1) {
			// A stand-in trap on the first instance: what a Rust panic looks like from JS.
			const real = bindings.normalizePrepared;
			bindings.normalizePrepared = (text, settings, vault) => {
				if (text.startsWith("trap")) throw new WebAssembly.RuntimeError("unreachable");
				return real(text, settings, vault);
			};
		}
		return bindings;
	};
	const core = await load(factory);
	const made = recording(core);
	const context = await vaultContext(core);
	const held = new HeldVault(() => core);
	const port = withVaultContext(core, () => held.vaultFor(context, []));
	assert.throws(() => port.normalize("trap Mei Álvarez Álvarez\n", defaultSettings()), CoreCrashError);
	assert.equal(made[0]?.usable, false, "lost with the trapped instance");
	assert.equal(port.normalize("trap Mei Álvarez Álvarez\n", defaultSettings()).text, "trap Mei Álvarez\n");
	assert.equal(made.length, 2);
	assert.equal(made[1]?.usable, true);
	held.release();
});
