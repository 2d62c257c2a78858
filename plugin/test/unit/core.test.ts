import assert from "node:assert/strict";
import { test } from "node:test";
import type { Bindings, WasmVault } from "../../src/core/core";
import { CoreCrashError, NotemendCore } from "../../src/core/core";
import type { VaultContext } from "../../src/core/types";

// The smallest valid module: the wrapper only hands it to the bindings.
const EMPTY_MODULE = new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));

interface FakeWasmVault extends WasmVault {
	/** The instance that made it. */
	id: number;
	freed: number;
}

interface FakeState {
	factory: () => Bindings;
	made: number;
	vaults: FakeWasmVault[];
	preparedCalls: { instance: number; vault: WasmVault }[];
}

function fakeFactory(trapOnFirst: boolean): FakeState {
	const state: FakeState = { made: 0, factory: (): Bindings => fake(), vaults: [], preparedCalls: [] };
	const fake = (): Bindings => {
		const id = ++state.made;
		let panic: string | undefined;
		return {
			initSync: () => undefined,
			normalize: (text: string) => {
				if (trapOnFirst && id === 1) {
					panic = "panicked at src/fixes/dates.rs:10:5: index out of bounds";
					throw new WebAssembly.RuntimeError("unreachable");
				}
				if (text === "bad") throw new Error("the note holds lone UTF-16 surrogates");
				return { text: `${text}!`, changed: true, changes: [], edits: [], diagnostics: [], warnings: [] };
			},
			prepareVault: (vault: unknown) => {
				const made = { id, people: (vault as VaultContext).people.length, freed: 0, free: () => (made.freed += 1) };
				state.vaults.push(made);
				return made;
			},
			normalizePrepared: (text: string, _settings: unknown, vault: WasmVault) => {
				if (trapOnFirst && id === 1 && text === "trap") {
					panic = "panicked at src/prepared.rs:1:1: boom";
					throw new WebAssembly.RuntimeError("unreachable");
				}
				state.preparedCalls.push({ instance: id, vault });
				return { text: `${text} with ${vault.people} prepared`, changed: true, changes: [], edits: [], diagnostics: [], warnings: [] };
			},
			noteFacts: () => ({ people: [], dayFirst: 0, monthFirst: 0 }),
			vaultContext: () => ({ people: [], dateOrder: null }),
			linterKeptKeys: () => [],
			fixNames: () => ["whitespace"],
			version: () => `instance ${id}`,
			lastPanic: () => {
				const p = panic;
				panic = undefined;
				return p;
			},
		};
	};
	return state;
}

test("a trap becomes an Error with the panic message, and a fresh instance serves the next note", () => {
	const fake = fakeFactory(true);
	const core = new NotemendCore(EMPTY_MODULE, () => fake.factory());
	assert.equal(core.instances, 1);
	assert.throws(
		() => core.normalize("x", {}),
		(e: unknown) => e instanceof CoreCrashError && e.message === "Notemend core crashed: panicked at src/fixes/dates.rs:10:5: index out of bounds",
	);
	assert.equal(core.instances, 2);
	assert.equal(core.version(), "instance 2");
	assert.equal(core.normalize("x", {}).text, "x!");
});

test("an ordinary error (bad input) passes through and keeps the instance", () => {
	const fake = fakeFactory(false);
	const core = new NotemendCore(EMPTY_MODULE, () => fake.factory());
	assert.throws(() => core.normalize("bad", {}), /lone UTF-16 surrogates/);
	assert.equal(core.instances, 1);
	assert.equal(core.normalize("ok", {}).text, "ok!");
});

test("load compiles once, asynchronously, and records the time", async () => {
	const fake = fakeFactory(false);
	const bytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
	const core = await NotemendCore.load(bytes, () => fake.factory());
	assert.ok(core.timings.compileMs >= 0 && core.timings.initMs >= 0);
	assert.equal(core.instances, 1);
});

test("load takes a function that compiles (src/wasm.ts inflates on the way): called once; recovery reuses the module", async () => {
	const fake = fakeFactory(true);
	let calls = 0;
	const compile = (): Promise<WebAssembly.Module> => {
		calls += 1;
		return WebAssembly.compile(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
	};
	const core = await NotemendCore.load(compile, () => fake.factory());
	assert.equal(calls, 1);
	assert.ok(core.timings.compileMs >= 0);
	assert.throws(() => core.normalize("x", {}), CoreCrashError);
	assert.equal(core.instances, 2);
	assert.equal(calls, 1, "a trap makes a new instance without inflating or compiling again");
});

test("a prepared vault: normalize hands the core its handle, not the context; free releases it once", () => {
	const fake = fakeFactory(false);
	const core = new NotemendCore(EMPTY_MODULE, () => fake.factory());
	const context: VaultContext = { people: ["Ada Lovelace", "Lior Genzel"], dateOrder: "dmy" };
	const vault = core.prepareVault(context);
	assert.equal(vault.context, context);
	assert.equal(vault.usable, true);
	assert.equal(core.normalize("x", {}, vault).text, "x with 2 prepared");
	assert.equal(core.normalize("y", {}, vault).text, "y with 2 prepared");
	assert.equal(fake.vaults.length, 1, "prepared once");
	assert.deepEqual(
		fake.preparedCalls.map((c) => c.vault),
		[fake.vaults[0], fake.vaults[0]],
	);
	vault.free();
	vault.free();
	assert.equal(fake.vaults[0]?.freed, 1, "freed once");
	assert.equal(vault.usable, false);
	assert.equal(core.normalize("z", {}, vault).text, "z!", "a freed vault: its context goes as an object");
});

test("a trap loses the vaults the instance held: they are unusable, their context still repairs, free touches nothing", () => {
	const fake = fakeFactory(true);
	const core = new NotemendCore(EMPTY_MODULE, () => fake.factory());
	const vault = core.prepareVault({ people: ["Ada Lovelace"], dateOrder: null });
	assert.throws(() => core.normalize("trap", {}, vault), CoreCrashError);
	assert.equal(core.instances, 2);
	assert.equal(vault.usable, false);
	assert.equal(core.normalize("x", {}, vault).text, "x!", "the context as an object, on the new instance");
	vault.free();
	assert.equal(fake.vaults[0]?.freed, 0, "the trapped instance's memory went with it");
	const again = core.prepareVault(vault.context);
	assert.equal(core.normalize("x", {}, again).text, "x with 1 prepared");
	assert.equal(fake.preparedCalls.at(-1)?.instance, 2);
});
