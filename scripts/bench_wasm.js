#!/usr/bin/env node
// Notemend's WASM core under Node, on the same notes as the native
// benchmark: `normalize(text)` with default settings, as the plugin calls it
// (the JS string in, the outcome object out, UTF-16 offsets included).
//
// Usage: node scripts/bench_wasm.js --pkg DIR [--min-secs S | --passes N] [--settings JSON] LIST...
//
// DIR is a `wasm-pack build --target nodejs` output. Each LIST names one
// note per line. For each set, prints one JSON object per line: bytes,
// notes, how many notes changed, and the median time of one pass over the
// set, with the MB/s (10^6 bytes per second) it makes. With `--passes N`,
// exactly N passes follow the warm-up and nothing is timed: what
// scripts/wasm_instructions.sh counts instructions of.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

function parseArgs(argv) {
	const out = { pkg: null, minSecs: 2, passes: undefined, settings: undefined, lists: [] };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === "--pkg") out.pkg = argv[++i];
		else if (argv[i] === "--min-secs") out.minSecs = Number(argv[++i]);
		else if (argv[i] === "--passes") out.passes = Number(argv[++i]);
		else if (argv[i] === "--settings") out.settings = JSON.parse(argv[++i]);
		else out.lists.push(argv[i]);
	}
	if (!out.pkg || out.lists.length === 0) {
		console.error("usage: bench_wasm.js --pkg DIR [--min-secs S | --passes N] [--settings JSON] LIST...");
		process.exit(2);
	}
	return out;
}

// Times `run` until `minSecs` have gone by, at least 5 times (3 when one
// pass alone takes that long); the median seconds of one pass. The caller
// has run it once already, to warm up.
function medianPass(minSecs, run) {
	const times = [];
	const start = process.hrtime.bigint();
	const budget = BigInt(Math.round(minSecs * 1e9));
	for (;;) {
		const t = process.hrtime.bigint();
		run();
		times.push(Number(process.hrtime.bigint() - t) / 1e9);
		const enough = times[0] >= minSecs ? 3 : 5;
		if (times.length >= 10000 || (times.length >= enough && process.hrtime.bigint() - start >= budget)) break;
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
		// The first pass counts what changes and warms up.
		let changed = 0;
		for (const t of texts) if (core.normalize(t, args.settings, undefined).changed) changed++;
		const pass = () => {
			for (const t of texts) core.normalize(t, args.settings, undefined);
		};
		if (args.passes !== undefined) {
			for (let i = 0; i < args.passes; i++) pass();
			console.log(JSON.stringify({ set: name, notes: texts.length, bytes, changed, passes: args.passes }));
			continue;
		}
		const secs = medianPass(args.minSecs, pass);
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
