#!/usr/bin/env node
// Notemend's WASM core under Node, on the same notes as the native
// benchmark: `normalize(text)` with default settings, as the plugin calls it
// (the JS string in, the outcome object out, UTF-16 offsets included).
//
// Usage: node scripts/bench_wasm.js --pkg DIR [--min-secs S] LIST...
//
// DIR is a `wasm-pack build --target nodejs` output. Each LIST names one
// note per line. For each set, prints one JSON object per line: bytes,
// notes, how many notes changed, and the median time of one pass over the
// set, with the MB/s (10^6 bytes per second) it makes.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

function parseArgs(argv) {
	const out = { pkg: null, minSecs: 2, lists: [] };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === "--pkg") out.pkg = argv[++i];
		else if (argv[i] === "--min-secs") out.minSecs = Number(argv[++i]);
		else out.lists.push(argv[i]);
	}
	if (!out.pkg || out.lists.length === 0) {
		console.error("usage: bench_wasm.js --pkg DIR [--min-secs S] LIST...");
		process.exit(2);
	}
	return out;
}

function medianPass(minSecs, run) {
	run(); // warm-up: the JIT tiers up the glue, the module's memory grows
	const times = [];
	const start = process.hrtime.bigint();
	const budget = BigInt(Math.round(minSecs * 1e9));
	while (times.length < 5 || (process.hrtime.bigint() - start < budget && times.length < 10000)) {
		const t = process.hrtime.bigint();
		run();
		times.push(Number(process.hrtime.bigint() - t) / 1e9);
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)];
}

function main() {
	const args = parseArgs(process.argv.slice(2));
	const core = require(path.resolve(args.pkg, "notemend.js"));
	for (const list of args.lists) {
		const name = path.basename(list).replace(/\.[^.]*$/, "");
		const paths = fs.readFileSync(list, "utf8").split("\n").filter((p) => p);
		const texts = paths.map((p) => fs.readFileSync(p, "utf8"));
		const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, "utf8"), 0);
		let changed = 0;
		for (const t of texts) if (core.normalize(t, undefined, undefined).changed) changed++;
		const secs = medianPass(args.minSecs, () => {
			for (const t of texts) core.normalize(t, undefined, undefined);
		});
		console.log(
			JSON.stringify({
				set: name,
				notes: texts.length,
				bytes,
				changed,
				wasm_ms: Number((secs * 1e3).toFixed(4)),
				wasm_mbps: Number((bytes / secs / 1e6).toFixed(2)),
			}),
		);
	}
}

main();
