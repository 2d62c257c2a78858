// The real WASM core (the same glue-as-factory and gzipped bytes that main.js
// embeds, inflated the same way), called from Node.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { createBindings } from "notemend-wasm/factory";
import gzipped from "notemend-wasm/gzip";
import { compressWasm, stripNames } from "../../build/wasm-factory.mjs";
import { applyPlan, backupDirFor, backupRootOf, scanVault, undoCleanup } from "../../src/core/cleanup";
import type { Bindings } from "../../src/core/core";
import { CoreCrashError, NotemendCore } from "../../src/core/core";
import { optsOut, ownerPlugin } from "../../src/core/guard";
import { defaultSettings, mergeSettings } from "../../src/core/settings";
import { applyEdits } from "../../src/core/types";
import { compileEmbedded, inflateJs, inflateStream } from "../../src/wasm";
import { MemoryVault } from "../unit/fakes";

const ROOT = path.resolve(__dirname, "../../..");
const FIXTURES = path.join(ROOT, "tests", "fixtures");

const load = (): Promise<NotemendCore> => NotemendCore.load(compileEmbedded, createBindings);

test("the embedded bytes load; version and the fix catalogue come back", async () => {
	const core = await load();
	const cargo = fs.readFileSync(path.join(ROOT, "Cargo.toml"), "utf8");
	assert.equal(core.version(), /^version = "(.*)"/m.exec(cargo)?.[1]);
	assert.deepEqual(core.fixNames(), ["mojibake", "duplicate-names", "dates", "tasks", "frontmatter", "whitespace"]);
	console.log(
		`# WASM (Node): ${gzipped.length} bytes gzipped; inflate+compile ${core.timings.compileMs.toFixed(1)} ms, init ${core.timings.initMs.toFixed(1)} ms`,
	);
});

test("the embedded bytes are the build's Zopfli gzip, inflating to the built module byte for byte, less its name section, natively and with fflate", async () => {
	const plugin = path.resolve(__dirname, "../..");
	const wasm = fs.readFileSync(path.join(plugin, "wasm", "notemend_bg.wasm"));
	const built = stripNames(wasm);
	// esbuild's binary loader hands over the bytes compressWasm made, unchanged.
	assert.ok(Buffer.from(gzipped.buffer, gzipped.byteOffset, gzipped.length).equals(compressWasm(wasm, plugin)), "compressWasm's output");
	assert.equal(gzipped[0], 0x1f, "gzip magic");
	assert.equal(gzipped[1], 0x8b, "gzip magic");
	// A check that compression happens, not a budget (the 2 MB main.js test is):
	// the mojibake models' hashed tables barely compress, so as they grow the
	// module's ratio nears a half; gzip must still save at least a fifth.
	assert.ok(gzipped.length < built.length * 0.8, `gzip ${gzipped.length} of ${built.length} bytes`);
	const same = (bytes: Uint8Array): boolean => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).equals(built);
	assert.ok(same(new Uint8Array(await new Response(inflateStream(gzipped)).arrayBuffer())), "DecompressionStream");
	assert.ok(same(inflateJs(gzipped)), "fflate, the fallback");
	assert.ok(WebAssembly.validate(inflateJs(gzipped)));
	assert.ok((await compileEmbedded()) instanceof WebAssembly.Module);
});

test("whitespace on a real note: edits against the input reproduce the output; a second run changes nothing", async () => {
	const core = await load();
	const text = "# Title\nSome text.   \n\n\n\nMore text\t\n## Next\nend";
	const out = core.normalize(text, defaultSettings());
	assert.equal(out.text, "# Title\n\nSome text.\n\nMore text\n\n## Next\n\nend\n");
	assert.equal(applyEdits(text, out.edits), out.text);
	assert.ok(out.changes.every((c) => c.fix === "whitespace" && c.message.length > 0 && c.line >= 1));
	const again = core.normalize(out.text, defaultSettings());
	assert.equal(again.changed, false);
	assert.deepEqual(again.edits, []);
	assert.equal(again.text, out.text);
});

test("settings reach the core: a fix turned off does nothing; CLI-style keys give no warnings", async () => {
	const core = await load();
	const settings = mergeSettings({ fixes: { whitespace: false } });
	const out = core.normalize("a  \n\n\n\nb", settings);
	assert.equal(out.changed, false);
	assert.deepEqual(out.warnings, []);
});

const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".input.md")).map((f) => f.replace(/\.input\.md$/, "")).sort();

for (const name of fixtures) {
	test(`golden fixture through WASM: ${name}`, async (t) => {
		const core = await load();
		if (!fs.existsSync(path.join(FIXTURES, `${name}.expected.md`))) {
			t.skip("no expected file yet");
			return;
		}
		const input = fs.readFileSync(path.join(FIXTURES, `${name}.input.md`), "utf8");
		const expected = fs.readFileSync(path.join(FIXTURES, `${name}.expected.md`), "utf8");
		const configPath = path.join(FIXTURES, `${name}.config.json`);
		const settings: unknown = fs.existsSync(configPath) ? JSON.parse(fs.readFileSync(configPath, "utf8")) : {};
		const out = core.normalize(input, settings as object);
		assert.equal(out.text, expected);
		assert.equal(applyEdits(input, out.edits), expected, "edits reproduce the output");
		assert.equal(core.normalize(expected, settings as object).changed, false, "a second run changes nothing");
	});
}

test("the plugin's optsOut and ownerPlugin leave exactly the notes the real core leaves whole (tests/data/*.json)", async () => {
	const core = await load();
	const read = (name: string): { note: string }[] => JSON.parse(fs.readFileSync(path.join(ROOT, "tests", "data", name), "utf8")) as { note: string }[];
	const cases = [...read("opt-out.json"), ...read("owned.json")];
	assert.ok(cases.length >= 40);
	for (const { note } of cases) {
		// Work for the whitespace fix, so a note the core does not leave changes.
		const text = `${note}\n\n\ntext  \n`;
		const out = core.normalize(text, defaultSettings());
		const plugin = optsOut(text) || ownerPlugin("a.md", text) !== null;
		assert.equal(!out.changed, plugin, `${JSON.stringify(note)}: ${JSON.stringify(out.diagnostics)}`);
	}
});

test("offsets are UTF-16 code units: emoji count two", async () => {
	const core = await load();
	const text = "📅 due\t\n🔁 every day\t\n";
	const out = core.normalize(text, defaultSettings());
	assert.deepEqual(
		out.edits.map((e) => [e.from, e.to, e.insert]),
		[
			[6, 7, ""],
			[20, 21, ""],
		],
	);
	for (const c of out.changes) assert.equal(text.slice(c.from, c.to), c.before);
	assert.equal(applyEdits(text, out.edits), "📅 due\n🔁 every day\n");
});

test("lone surrogates are an error, never a silent U+FFFD; the core keeps working", async () => {
	const core = await load();
	assert.throws(() => core.normalize("broken \uD83D here  \n", defaultSettings()), /surrogate/);
	assert.throws(() => core.noteFacts("\uDC00", defaultSettings()), /surrogate/);
	assert.equal(core.instances, 1);
	assert.equal(core.normalize("ok  \n", defaultSettings()).text, "ok\n");
});

test("vault index: noteFacts and vaultContext", async () => {
	const core = await load();
	const facts = core.noteFacts("---\nowner: \"@Lior Genzel\"\n---\nMet @Ada Lovelace on 25/12/2024.\n", defaultSettings());
	assert.ok(Array.isArray(facts.people) && typeof facts.dayFirst === "number" && typeof facts.monthFirst === "number");
	const context = core.vaultContext([facts, { people: ["Grace Hopper"], dayFirst: 0, monthFirst: 0 }]);
	assert.ok(Array.isArray(context.people));
	assert.ok(context.people.includes("Grace Hopper"));
	assert.ok(context.dateOrder === null || ["auto", "dmy", "mdy"].includes(context.dateOrder));
	const out = core.normalize("x  \n", defaultSettings(), context);
	assert.equal(out.text, "x\n");
});

test("recovery after a trap makes a real, independent instance from the compiled module", async () => {
	let made = 0;
	const factory = (): Bindings => {
		const bindings = createBindings();
		made += 1;
		if (made === 1) {
			// A stand-in trap on the first instance: what a Rust panic looks like from JS.
			const real = bindings.normalize;
			bindings.normalize = (text, settings, vault) => {
				if (text.startsWith("trap")) throw new WebAssembly.RuntimeError("unreachable");
				return real(text, settings, vault);
			};
		}
		return bindings;
	};
	const core = await NotemendCore.load(compileEmbedded, factory);
	assert.equal(core.normalize("a  \n", defaultSettings()).text, "a\n");
	assert.throws(() => core.normalize("trap  \n", defaultSettings()), (e: unknown) => e instanceof CoreCrashError && /crashed/.test(e.message));
	assert.equal(core.instances, 2);
	assert.equal(made, 2);
	assert.equal(core.normalize("trap  \n", defaultSettings()).text, "trap\n", "the new instance is the real one");
	assert.equal(core.version().length > 0, true);
});

test("two instances from the factory share no state", async () => {
	const module = await compileEmbedded();
	const a = createBindings();
	const b = createBindings();
	const ea = a.initSync({ module }) as { memory: WebAssembly.Memory };
	const eb = b.initSync({ module }) as { memory: WebAssembly.Memory };
	assert.notEqual(ea.memory, eb.memory);
	assert.equal((a.normalize("x  ", {}, null) as { text: string }).text, "x\n");
	assert.equal((b.normalize("y  ", {}, null) as { text: string }).text, "y\n");
	assert.equal(a.lastPanic(), undefined);
});

test("vault clean-up with the real core: scan, apply, undo", async () => {
	const core = await load();
	const files = {
		"Daily/2025-09-16.md": "# Day\nDid things.  \n\n\n\n## Later\nmore",
		"clean.md": "# Clean\n\nNothing to do.\n",
		"raw.md": "---\nnotemend: false\n---\nraw  \n",
	};
	const v = new MemoryVault(files);
	const plan = await scanVault(v, core, defaultSettings());
	assert.deepEqual(plan.files.map((f) => f.path), ["Daily/2025-09-16.md"]);
	assert.deepEqual(plan.optedOut, ["raw.md"]);
	assert.equal(plan.byFix[0]?.fix, "whitespace");
	const dir = backupDirFor(backupRootOf(".obsidian/plugins/notemend"), new Date());
	const result = await applyPlan(plan, v, dir);
	assert.deepEqual(result.changed, ["Daily/2025-09-16.md"]);
	assert.equal(v.files.get("Daily/2025-09-16.md"), "# Day\n\nDid things.\n\n## Later\n\nmore\n");
	const undo = await undoCleanup(v, dir);
	assert.deepEqual(undo?.restored, ["Daily/2025-09-16.md"]);
	assert.equal(v.files.get("Daily/2025-09-16.md"), files["Daily/2025-09-16.md"]);
});
