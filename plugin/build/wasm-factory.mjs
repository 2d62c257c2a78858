// esbuild plugin: turns wasm-bindgen's `--target web` glue into a factory,
// `createBindings()`, so a fresh instance (with fresh glue state) can be made
// after a trap, and lets the .wasm bytes be embedded in the bundle, gzipped.
//
// Imports it serves:
//   "notemend-wasm/factory" -> { createBindings } built from wasm/notemend.js
//   "notemend-wasm/gzip"    -> default export: Uint8Array, wasm/notemend_bg.wasm
//                              without its name section, gzipped (see compressWasm);
//                              src/wasm.ts inflates it at load time
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export function wasmFactoryPlugin(wasmDir) {
	// wasm-pack's output is plugin/wasm/: the plugin's folder is its parent.
	const pluginDir = path.dirname(wasmDir);
	const glue = path.join(wasmDir, "notemend.js");
	const bytes = path.join(wasmDir, "notemend_bg.wasm");
	return {
		name: "notemend-wasm",
		setup(build) {
			build.onResolve({ filter: /^notemend-wasm\/factory$/ }, () => ({ path: glue, namespace: "notemend-glue" }));
			build.onResolve({ filter: /^notemend-wasm\/gzip$/ }, () => ({ path: bytes, namespace: "notemend-gzip" }));
			build.onLoad({ filter: /.*/, namespace: "notemend-gzip" }, (args) => {
				if (!fs.existsSync(args.path)) {
					return { errors: [{ text: `${args.path} is missing: run scripts/build-plugin.sh (wasm-pack) first` }] };
				}
				// esbuild's binary loader: base64 in the bundle, decoded at module
				// evaluation by Uint8Array.fromBase64 where the platform has it (natively,
				// a few ms in Chromium), else by esbuild's JS loop.
				return { contents: compressWasm(fs.readFileSync(args.path), pluginDir), loader: "binary" };
			});
			build.onLoad({ filter: /.*/, namespace: "notemend-glue" }, (args) => {
				if (!fs.existsSync(args.path)) {
					return { errors: [{ text: `${args.path} is missing: run scripts/build-plugin.sh (wasm-pack) first` }] };
				}
				return { contents: toFactory(fs.readFileSync(args.path, "utf8")), loader: "js", resolveDir: wasmDir };
			});
		},
	};
}

export function toFactory(source) {
	// Every export of the glue: functions, and classes or frozen enums should the API grow some.
	const names = [...source.matchAll(/^export (?:function|class|const) (\w+)/gm)].map((m) => m[1]);
	const tail = /^export \{ initSync, __wbg_init as default \};\s*$/m;
	const defaultUrl = "new URL('notemend_bg.wasm', import.meta.url)";
	if (names.length === 0 || !tail.test(source) || !source.includes(defaultUrl)) {
		throw new Error("wasm-bindgen glue has an unexpected shape; update plugin/build/wasm-factory.mjs");
	}
	let body = source.replace(/^export (function|class|const) /gm, "$1 ").replace(tail, "");
	body = body.replace(defaultUrl, "(() => { throw new Error('the WASM bytes must be passed in'); })()");
	if (/^\s*(export|import)\s/m.test(body) || body.includes("import.meta")) {
		throw new Error("wasm-bindgen glue still has module syntax after the factory transform");
	}
	return `export function createBindings() {\n${body}\nreturn { ${names.join(", ")}, initSync, init: __wbg_init };\n}\n`;
}

/**
 * Zopfli's effort for the payload. On the 2.8 MB module as built at 01cd302, against
 * zlib -9's 1,448,148 bytes: 1 iteration and 15 blocks 1,357,217 (5 s), 5 and
 * 100 1,322,214 (19 s), 5 and 150 1,317,969 (22 s), 5 and 200 1,315,315
 * (27-29 s), no limit on blocks 1,313,022 (104 s). 150 blocks is where a
 * few more KB stop being worth the seconds.
 */
export const ZOPFLI = { iterations: 5, maxBlocks: 150 };

/**
 * The payload main.js embeds: the module without its name section,
 * gzipped by Zopfli (build/zopfli-gzip.mjs), 9% smaller than zlib's highest
 * level and read by the same inflaters. gzip rather than raw deflate: its
 * trailer holds the inflated size, so the inflater allocates the output
 * once. The header's mtime is 0 and Zopfli is deterministic, so the same
 * module gives the same bytes on every build.
 *
 * Zopfli takes some 20 s here, so the result is kept in the plugin's
 * node_modules/.cache/notemend-wasm/, named by a hash of the stripped module
 * and the settings, and checked (inflated and compared) when read back.
 * `pluginDir` is plugin/ (given, not found from this file: the tests bundle
 * it elsewhere); `cache: false` runs Zopfli whatever the cache holds.
 */
export function compressWasm(wasm, pluginDir, { cache = true } = {}) {
	const stripped = stripNames(wasm);
	const zopfliPackage = path.join(pluginDir, "node_modules", "@gfx", "zopfli", "package.json");
	const zopfliVersion = JSON.parse(fs.readFileSync(zopfliPackage, "utf8")).version;
	const key = crypto
		.createHash("sha256")
		.update(`zopfli ${zopfliVersion} ${ZOPFLI.iterations} ${ZOPFLI.maxBlocks}\n`)
		.update(stripped)
		.digest("hex");
	const cacheDir = path.join(pluginDir, "node_modules", ".cache", "notemend-wasm");
	const cached = path.join(cacheDir, `${key}.gz`);
	if (cache && fs.existsSync(cached)) {
		const gz = fs.readFileSync(cached);
		if (inflatesTo(gz, stripped)) return gz;
	}
	const script = path.join(pluginDir, "build", "zopfli-gzip.mjs");
	const gz = execFileSync(process.execPath, [script, String(ZOPFLI.iterations), String(ZOPFLI.maxBlocks)], {
		input: stripped,
		maxBuffer: 4 * stripped.length + (1 << 20),
		stdio: ["pipe", "pipe", "inherit"],
	});
	if (!inflatesTo(gz, stripped)) throw new Error("Zopfli's gzip does not inflate to the module");
	fs.mkdirSync(cacheDir, { recursive: true });
	const tmp = `${cached}.${process.pid}.tmp`;
	fs.writeFileSync(tmp, gz);
	fs.renameSync(tmp, cached);
	return gz;
}

function inflatesTo(gz, bytes) {
	try {
		return zlib.gunzipSync(gz).equals(bytes);
	} catch {
		return false;
	}
}

/**
 * Drops the custom `name` section (function names for debuggers, about a
 * tenth of the module): the plugin reports panics by message, not by stack.
 * Every other section is kept byte for byte.
 */
export function stripNames(wasm) {
	const magic = wasm.subarray(0, 8);
	if (wasm.length < 8 || magic.readUInt32LE(0) !== 0x6d736100) throw new Error("not a WebAssembly module");
	const keep = [magic];
	let i = 8;
	const leb = () => {
		let result = 0;
		let shift = 0;
		let byte;
		do {
			byte = wasm[i++];
			result += (byte & 0x7f) * 2 ** shift;
			shift += 7;
		} while (byte & 0x80);
		return result;
	};
	while (i < wasm.length) {
		const start = i;
		const id = wasm[i++];
		const size = leb();
		const body = i;
		i = body + size;
		if (id === 0) {
			const save = i;
			i = body;
			const nameLength = leb();
			const name = wasm.subarray(i, i + nameLength).toString("utf8");
			i = save;
			if (name === "name") continue;
		}
		keep.push(wasm.subarray(start, i));
	}
	if (i !== wasm.length) throw new Error("malformed WebAssembly module");
	return Buffer.concat(keep);
}
