#!/usr/bin/env node
// WASM compile and initialisation time in headless Chromium (Obsidian is
// Chromium), the way the plugin's main.js does it: in a fresh page each
// time, the embedded payload (the module without its name section, gzipped,
// made by plugin/build/wasm-factory.mjs's compressWasm when it is there) is
// held as main.js holds it, a string literal of base64, and decoded by
// esbuild's binary-loader helper (taken from esbuild itself, as main.js's
// is): Uint8Array.fromBase64 where the browser has it, else esbuild's JS
// loop. Then it is inflated by DecompressionStream (decoding is counted in
// this step), compiled (`WebAssembly.compile`), instantiated and started by
// the wasm-bindgen glue (`init`), and `normalize` is called once. Prints
// one JSON object with the median of each step over the runs.
//
// Usage: node scripts/bench_chromium.js --pkg DIR [--runs N] [--chromium PATH] [--js-base64]
//
// DIR is a `wasm-pack build --target web` output. --js-base64 hides
// Uint8Array.fromBase64 from the page, as in a browser without it (Chromium
// before 140), so esbuild's JS loop decodes. playwright-core and esbuild are
// taken from plugin/node_modules (the plugin's own dev dependencies); without
// esbuild (an older checkout) the gzip is fetched as bytes, not decoded.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

function parseArgs(argv) {
	const out = { pkg: null, runs: 9, chromium: "/usr/bin/chromium", jsBase64: false };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === "--pkg") out.pkg = argv[++i];
		else if (argv[i] === "--runs") out.runs = Number(argv[++i]);
		else if (argv[i] === "--chromium") out.chromium = argv[++i];
		else if (argv[i] === "--js-base64") out.jsBase64 = true;
	}
	if (!out.pkg) {
		console.error("usage: bench_chromium.js --pkg DIR [--runs N] [--chromium PATH] [--js-base64]");
		process.exit(2);
	}
	return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const page = (jsBase64) => `<!doctype html><html><head><meta charset="utf-8"></head><body>
${jsBase64 ? "<script>Uint8Array.fromBase64 = undefined;</script>" : ""}
<script type="module">
import init, { normalize } from "/notemend.js";
import { toBinary } from "/base64.js";
import text from "/payload.js";
const fetched = toBinary ? null : new Uint8Array(await (await fetch("/notemend_bg.wasm.gz")).arrayBuffer());
const tz = performance.now();
const gz = toBinary ? toBinary(text) : fetched;
const td = performance.now();
const source = new ReadableStream({ start(controller) { controller.enqueue(gz); controller.close(); } });
const bytes = await new Response(source.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
const t0 = performance.now();
const module = await WebAssembly.compile(bytes);
const t1 = performance.now();
await init({ module_or_path: module });
const t2 = performance.now();
normalize("# Title\\ntext  \\n", undefined, undefined);
const t3 = performance.now();
window.__result = {
	decodeMs: td - tz, decompressMs: t0 - tz, compileMs: t1 - t0, initMs: t2 - t1, firstCallMs: t3 - t2, wasmBytes: bytes.byteLength,
	decoder: typeof Uint8Array.fromBase64 === "function" ? "Uint8Array.fromBase64" : "esbuild's JS loop",
};
</script></body></html>`;

/**
 * esbuild's helper for its binary loader, the one main.js decodes with, as
 * a module exporting it as `toBinary`: esbuild bundles a one-byte binary
 * file and the bundle's own helper is exported.
 */
async function esbuildToBinary(root) {
	const esbuild = require(require.resolve("esbuild", { paths: [path.join(root, "plugin")] }));
	const result = await esbuild.build({
		stdin: { contents: 'import bytes from "bench:one-byte"; export default bytes;', loader: "js" },
		bundle: true,
		format: "esm",
		target: "es2020",
		write: false,
		logLevel: "silent",
		plugins: [
			{
				name: "one-byte",
				setup(build) {
					build.onResolve({ filter: /^bench:one-byte$/ }, () => ({ path: "one-byte", namespace: "bench" }));
					build.onLoad({ filter: /.*/, namespace: "bench" }, () => ({ contents: new Uint8Array([0]), loader: "binary" }));
				},
			},
		],
	});
	const code = result.outputFiles[0].text;
	if (!/^var __toBinary = /m.test(code)) throw new Error("esbuild's binary loader no longer makes __toBinary: update scripts/bench_chromium.js");
	return `${code}\nexport { __toBinary as toBinary };\n`;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const root = path.resolve(__dirname, "..");
	let chromium;
	try {
		const resolved = require.resolve("playwright-core", { paths: [path.join(root, "plugin")] });
		({ chromium } = require(resolved));
	} catch {
		console.log(JSON.stringify({ error: "playwright-core not found in plugin/node_modules" }));
		return;
	}
	const wasm = fs.readFileSync(path.join(args.pkg, "notemend_bg.wasm"));
	let gz;
	let payload = "plugin/build/wasm-factory.mjs compressWasm";
	try {
		const factory = await import(path.join(root, "plugin", "build", "wasm-factory.mjs"));
		gz = factory.compressWasm(wasm, path.join(root, "plugin"));
	} catch {
		payload = "zlib gzip -9 of the whole module";
		gz = require("node:zlib").gzipSync(wasm, { level: 9 });
	}
	// The payload as main.js holds it: base64 in a string literal, decoded by
	// esbuild's helper; without esbuild, the gzip bytes themselves.
	let decoder = "export const toBinary = undefined;";
	let text = "";
	let esbuild = true;
	try {
		require.resolve("esbuild", { paths: [path.join(root, "plugin")] });
	} catch {
		esbuild = false;
	}
	if (esbuild) {
		decoder = await esbuildToBinary(root);
		text = gz.toString("base64");
		payload += ", as base64 decoded by esbuild's binary-loader helper";
	}
	const files = {
		"/index.html": { type: "text/html", body: page(args.jsBase64) },
		"/base64.js": { type: "text/javascript", body: decoder },
		// A string literal, as in main.js (a fetched string may be held differently).
		"/payload.js": { type: "text/javascript", body: `export default ${JSON.stringify(text)};` },
		"/notemend.js": { type: "text/javascript", body: fs.readFileSync(path.join(args.pkg, "notemend.js")) },
		"/notemend_bg.wasm.gz": { type: "application/octet-stream", body: gz },
	};
	const browser = await chromium.launch({
		executablePath: args.chromium,
		args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
	});
	const version = browser.version();
	const results = [];
	try {
		for (let i = 0; i < args.runs; i++) {
			const context = await browser.newContext();
			const tab = await context.newPage();
			await tab.route("**/*", (route) => {
				const file = files[new URL(route.request().url()).pathname];
				if (!file) return route.abort();
				return route.fulfill({ status: 200, contentType: file.type, body: file.body });
			});
			const errors = [];
			tab.on("pageerror", (e) => errors.push(e.message));
			await tab.goto("http://bench.test/index.html");
			await tab.waitForFunction(() => window.__result || null, null, { timeout: 30000 }).catch((e) => {
				throw new Error(errors.length ? errors.join("; ") : e.message);
			});
			if (errors.length) throw new Error(errors.join("; "));
			results.push(await tab.evaluate(() => window.__result));
			await context.close();
		}
	} finally {
		await browser.close();
	}
	const pick = (k) => results.map((r) => r[k]);
	const total = results.map((r) => r.decompressMs + r.compileMs + r.initMs);
	console.log(
		JSON.stringify({
			runs: results.length,
			chromium: version,
			payload,
			wasm_bytes: results[0].wasmBytes,
			gz_bytes: gz.length,
			text_chars: text.length || undefined,
			decode_ms: text.length > 0 ? Number(median(pick("decodeMs")).toFixed(2)) : undefined,
			base64_decoder: text.length > 0 ? results[0].decoder : undefined,
			decompress_ms: Number(median(pick("decompressMs")).toFixed(2)),
			compile_ms: Number(median(pick("compileMs")).toFixed(2)),
			init_ms: Number(median(pick("initMs")).toFixed(2)),
			compile_init_ms: Number(median(total).toFixed(2)),
			compile_init_max_ms: Number(Math.max(...total).toFixed(2)),
			first_call_ms: Number(median(pick("firstCallMs")).toFixed(2)),
		}),
	);
}

main().catch((e) => {
	console.log(JSON.stringify({ error: String(e && e.message ? e.message : e) }));
	process.exitCode = 1;
});
