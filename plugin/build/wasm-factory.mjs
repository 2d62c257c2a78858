// esbuild plugin: turns wasm-bindgen's `--target web` glue into a factory,
// `createBindings()`, so a fresh instance (with fresh glue state) can be made
// after a trap, and lets the .wasm bytes be embedded in the bundle, gzipped.
//
// Imports it serves:
//   "notemend-wasm/factory" -> { createBindings } built from wasm/notemend.js
//   "notemend-wasm/gzip"    -> default export: Uint8Array, wasm/notemend_bg.wasm
//                              without its name section, gzipped (see compressWasm);
//                              src/wasm.ts inflates it at load time
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export function wasmFactoryPlugin(wasmDir) {
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
				// esbuild's binary loader: base64 in the bundle, a Uint8Array at run time.
				return { contents: compressWasm(fs.readFileSync(args.path)), loader: "binary" };
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
 * The payload main.js embeds: the module without its name section, gzipped
 * at zlib's highest level (about 42% of the stripped size). gzip rather than
 * raw deflate: its trailer holds the inflated size, so the inflater allocates
 * the output once. The header's mtime is 0, so the same module gives the same
 * bytes on every build.
 */
export function compressWasm(wasm) {
	return zlib.gzipSync(stripNames(wasm), { level: zlib.constants.Z_BEST_COMPRESSION });
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
