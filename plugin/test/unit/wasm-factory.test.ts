import assert from "node:assert/strict";
import { test } from "node:test";
import path from "node:path";
import zlib from "node:zlib";
import { compressWasm, stripNames, toFactory } from "../../build/wasm-factory.mjs";

// This file runs from plugin/test-build/unit/.
const PLUGIN = path.resolve(__dirname, "../..");

const GLUE = `let wasm;
export function normalize(text) { return wasm.normalize(text); }
export class Handle { free() {} }
export const Mode = Object.freeze({ A: 0 });
function __wbg_init_once(module_or_path) {
    if (module_or_path === undefined) {
        module_or_path = new URL('notemend_bg.wasm', import.meta.url);
    }
}
export { initSync, __wbg_init as default };
`;

test("the glue becomes a factory: every export returned, no module syntax left", () => {
	const out = toFactory(GLUE);
	assert.match(out, /^export function createBindings\(\) \{/);
	assert.match(out, /return \{ normalize, Handle, Mode, initSync, init: __wbg_init \};/);
	assert.ok(!out.includes("import.meta"));
	assert.equal((out.match(/^export /gm) ?? []).length, 1);
	assert.throws(() => toFactory("export default 1;"), /unexpected shape/);
});

test("stripNames drops the name section and keeps every other byte", () => {
	const section = (id: number, payload: number[]): number[] => [id, payload.length, ...payload];
	const custom = (name: string, data: number[]): number[] => section(0, [name.length, ...Buffer.from(name), ...data]);
	const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
	const type = section(1, [0x01, 0x60, 0x00, 0x00]);
	const wasm = Buffer.from([...header, ...type, ...custom("name", [1, 2, 3]), ...custom("producers", [4])]);
	const out = stripNames(wasm);
	assert.deepEqual([...out], [...header, ...type, ...custom("producers", [4])]);
	assert.ok(WebAssembly.validate(new Uint8Array(out)));
	assert.throws(() => stripNames(Buffer.from("not wasm")));
});

test("compressWasm: Zopfli's gzip of the module less its name section, the same bytes on every build", () => {
	const section = (id: number, payload: number[]): number[] => [id, ...leb(payload.length), ...payload];
	const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
	const names = section(0, [4, ...Buffer.from("name"), 9, 9, 9]);
	// Some 20 KB that compress, as a custom section: words from a small vocabulary.
	let text = "";
	for (let i = 0; text.length < 20_000; i++) text += ["mojibake ", "notes ", "dates ", "tasks ", "frontmatter ", "whitespace "][(i * 7919) % 13 % 6];
	const data = section(0, [8, ...Buffer.from("producer"), ...Buffer.from(text)]);
	const wasm = Buffer.from([...header, ...section(1, [0x01, 0x60, 0x00, 0x00]), ...data, ...names]);
	const gz = compressWasm(wasm, PLUGIN, { cache: false });
	assert.deepEqual([...gz.subarray(0, 3)], [0x1f, 0x8b, 0x08], "gzip, deflate");
	assert.equal(gz.readUInt32LE(4), 0, "no mtime in the header");
	assert.ok(zlib.gunzipSync(gz).equals(stripNames(wasm)));
	const zlib9 = zlib.gzipSync(stripNames(wasm), { level: 9 });
	assert.ok(gz.length <= zlib9.length, `Zopfli ${gz.length} bytes, zlib -9 ${zlib9.length}`);
	assert.ok(compressWasm(wasm, PLUGIN, { cache: false }).equals(gz), "Zopfli again: the same bytes");
	assert.ok(compressWasm(wasm, PLUGIN).equals(gz), "through the cache");
	assert.ok(compressWasm(wasm, PLUGIN).equals(gz), "from the cache");
});

function leb(n: number): number[] {
	const out: number[] = [];
	do {
		out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
		n = Math.floor(n / 0x80);
	} while (n > 0);
	return out;
}
