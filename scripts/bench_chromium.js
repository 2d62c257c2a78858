#!/usr/bin/env node
// WASM compile and initialisation time in headless Chromium (Obsidian is
// Chromium), the way the plugin's main.js does it: in a fresh page each
// time, the embedded payload (the module without its name section, gzipped,
// made by plugin/build/wasm-factory.mjs's compressWasm when it is there) is
// held as text the way main.js holds it (text91: wasm-factory.mjs's toText91,
// when it is there) and decoded a piece at a time by plugin/src/text91.ts's
// streamText91 as DecompressionStream inflates it (decoding is part of the
// inflate step, as in main.js), then compiled (`WebAssembly.compile`), then
// instantiated and started by the wasm-bindgen glue (`init`), then
// `normalize` is called once. Prints one JSON object with the median of
// each step over the runs.
//
// Usage: node scripts/bench_chromium.js --pkg DIR [--runs N] [--chromium PATH]
//
// DIR is a `wasm-pack build --target web` output. playwright-core (and
// esbuild, to strip the decoder's types) are taken from plugin/node_modules
// (the plugin's own dev dependencies).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

function parseArgs(argv) {
	const out = { pkg: null, runs: 9, chromium: "/usr/bin/chromium" };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === "--pkg") out.pkg = argv[++i];
		else if (argv[i] === "--runs") out.runs = Number(argv[++i]);
		else if (argv[i] === "--chromium") out.chromium = argv[++i];
	}
	if (!out.pkg) {
		console.error("usage: bench_chromium.js --pkg DIR [--runs N] [--chromium PATH]");
		process.exit(2);
	}
	return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const PAGE = `<!doctype html><html><head><meta charset="utf-8"></head><body>
<script type="module">
import init, { normalize } from "/notemend.js";
import { streamText91 } from "/text91.js";
import text from "/payload.js";
const gz = streamText91 ? null : await (await fetch("/notemend_bg.wasm.gz")).arrayBuffer();
const tz = performance.now();
const source = streamText91 ? streamText91(text) : new Blob([gz]).stream();
const stream = source.pipeThrough(new DecompressionStream("gzip"));
const bytes = await new Response(stream).arrayBuffer();
const t0 = performance.now();
const module = await WebAssembly.compile(bytes);
const t1 = performance.now();
await init({ module_or_path: module });
const t2 = performance.now();
normalize("# Title\\ntext  \\n", undefined, undefined);
const t3 = performance.now();
window.__result = { decompressMs: t0 - tz, compileMs: t1 - t0, initMs: t2 - t1, firstCallMs: t3 - t2, wasmBytes: bytes.byteLength };
</script></body></html>`;

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
	// The payload as main.js holds it: text91 and its decoder, when this
	// checkout has them; otherwise the gzip bytes themselves.
	let decoder = "export const streamText91 = undefined;";
	let text = "";
	try {
		const factory = await import(path.join(root, "plugin", "build", "wasm-factory.mjs"));
		const source = fs.readFileSync(path.join(root, "plugin", "src", "text91.ts"), "utf8");
		const resolved = require.resolve("esbuild", { paths: [path.join(root, "plugin")] });
		decoder = require(resolved).transformSync(source, { loader: "ts", format: "esm", target: "es2020" }).code;
		text = factory.toText91(gz);
		payload += " then toText91, decoded by plugin/src/text91.ts while inflated";
	} catch {
		// An older checkout: the gzip is fetched as bytes, no decoding.
	}
	const files = {
		"/index.html": { type: "text/html", body: PAGE },
		"/text91.js": { type: "text/javascript", body: decoder },
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
			const page = await context.newPage();
			await page.route("**/*", (route) => {
				const file = files[new URL(route.request().url()).pathname];
				if (!file) return route.abort();
				return route.fulfill({ status: 200, contentType: file.type, body: file.body });
			});
			const errors = [];
			page.on("pageerror", (e) => errors.push(e.message));
			await page.goto("http://bench.test/index.html");
			await page.waitForFunction(() => window.__result || null, null, { timeout: 30000 });
			if (errors.length) throw new Error(errors.join("; "));
			results.push(await page.evaluate(() => window.__result));
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
			decoded_while_inflating: text.length > 0,
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
