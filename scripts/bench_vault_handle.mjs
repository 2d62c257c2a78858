#!/usr/bin/env node
// What one single-note repair costs the plugin with a vault index of N
// people, on the WASM core under Node: the time of one `normalize` call as
// fix on save makes it, in ms.
//
//   alone     no vault context (the floor: the repair itself)
//   per-call  the context object passed on every call, as the plugin did
//             before the prepared handle: the core reads N names each time
//             and compares them with the last call's, to reuse what it
//             prepared then
//   cold      the same, alternating two contexts (the date order differs),
//             so the core prepares the context again on every call: what
//             a call after a clean-up or any other context paid
//   handle    the context handed to the core once (`prepareVault`), then
//             `normalizePrepared` with the handle (skipped on a core
//             without it, so the same script measures before and after)
//
// And per N, what a change of facts costs the save that follows it (the
// plugin builds the context lazily): `vaultContext` over the facts of 2N/3
// notes naming three people each, `prepareVault`, the first call (which
// prepares the fixes' context).
//
// Usage: node scripts/bench_vault_handle.mjs [--wasm DIR] [--names N,N] [--min-ms MS]
// DIR is a `wasm-pack build --target web` output (default plugin/wasm, what
// scripts/build-plugin.sh leaves). Prints one JSON object per line.
// Figures only: nothing here asserts a time.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function parseArgs(argv) {
	const out = { wasm: path.join(root, "plugin", "wasm"), names: [600, 15000], minMs: 1500 };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === "--wasm") out.wasm = path.resolve(argv[++i]);
		else if (argv[i] === "--names") out.names = argv[++i].split(",").map(Number);
		else if (argv[i] === "--min-ms") out.minMs = Number(argv[++i]);
		else {
			console.error("usage: bench_vault_handle.mjs [--wasm DIR] [--names N,N] [--min-ms MS]");
			process.exit(2);
		}
	}
	return out;
}

// The plugin's default settings (plugin/src/core/settings.ts), as it passes them.
const SETTINGS = {
	fixes: { mojibake: true, "duplicate-names": true, dates: true, tasks: true, frontmatter: true, whitespace: true },
	dateFormat: "YYYY-MM-DD",
	dateOrder: "auto",
	dateKeys: [],
	runningTextDates: false,
	peopleKeys: [],
	knownPeople: [],
	me: "",
	ignoredFolders: [],
	tagsBeforeFields: false,
	fixOnSave: true,
	fixOnLeave: false,
	vaultIndex: true,
};

// N distinct two-word names, the same on every run: words of three of 20
// syllables (8,000 of them); past 8,000 names the last name shifts, so no
// name repeats (as the vault index keeps each name once).
function people(n) {
	const syl = ["ka", "lo", "mi", "ra", "se", "tu", "vi", "no", "da", "fe", "gi", "ha", "jo", "ku", "le", "ma", "ni", "or", "pe", "qu"];
	const word = (i) => {
		const w = syl[i % 20] + syl[Math.floor(i / 20) % 20] + syl[Math.floor(i / 400) % 20];
		return w[0].toUpperCase() + w.slice(1);
	};
	const out = ["Lior Genzel", "Jason Vallery", "Frank Ray"];
	for (let i = 0; out.length < n; i++) out.push(`${word(i * 7 + 1)} ${word(i * 13 + 5 + Math.floor(i / 8000))}`);
	return out;
}

// Median ms of one call, timed until `minMs` have gone by (at least 20 calls).
function median(minMs, run) {
	for (let i = 0; i < 5; i++) run(); // warm up
	const times = [];
	const start = performance.now();
	while (times.length < 20 || performance.now() - start < minMs) {
		const t = performance.now();
		run();
		times.push(performance.now() - t);
		if (times.length >= 20000) break;
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)];
}

// One change of facts, timed step by step: the median of 7 after one to
// warm up (the very first calls of an instance are several times slower).
function rebuild(glue, names, text) {
	const facts = [];
	for (let i = 0; i < Math.ceil((names.length * 2) / 3); i++) {
		const pick = (k) => names[(i * 3 + k) % names.length];
		facts.push({ people: [pick(0), pick(1), pick(2)], dayFirst: i % 7 === 0 ? 1 : 0, monthFirst: 0 });
	}
	const runs = [];
	for (let r = 0; r < 8; r++) {
		let t = performance.now();
		const context = glue.vaultContext(facts);
		const run = { vault_context_ms: performance.now() - t };
		t = performance.now();
		const handle = glue.prepareVault(context);
		run.prepare_ms = performance.now() - t;
		t = performance.now();
		glue.normalizePrepared(text, SETTINGS, handle);
		run.first_call_ms = performance.now() - t;
		handle.free();
		if (r > 0) runs.push(run);
	}
	const row = { names: names.length, notes: facts.length };
	for (const k of Object.keys(runs[0])) {
		const sorted = runs.map((run) => run[k]).sort((a, b) => a - b);
		row[k] = Number(sorted[Math.floor(sorted.length / 2)].toFixed(3));
	}
	return row;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	// The glue is an ES module in a folder without a package.json: imported
	// from a copy named .mjs, so Node does not guess (and warn).
	const copy = path.join(os.tmpdir(), `notemend-bench-${process.pid}.mjs`);
	fs.copyFileSync(path.join(args.wasm, "notemend.js"), copy);
	const glue = await import(pathToFileURL(copy).href);
	fs.rmSync(copy);
	glue.initSync({ module: fs.readFileSync(path.join(args.wasm, "notemend_bg.wasm")) });
	const meeting = fs.readFileSync(path.join(root, "examples", "vault", "Meetings", "2025-09-16 Jason VAST role exploration.md"), "utf8");
	// A note as fix on save mostly meets it: already repaired once.
	const notes = { settled: glue.normalize(meeting, SETTINGS, null).text, garbled: meeting };
	const hasHandle = typeof glue.prepareVault === "function";
	for (const n of args.names) {
		const context = { people: people(n), dateOrder: "dmy", keptKeys: [] };
		if (hasHandle) console.log(JSON.stringify(rebuild(glue, context.people, notes.settled)));
		for (const [kind, text] of Object.entries(notes)) {
			const row = { names: n, note: kind, bytes: Buffer.byteLength(text) };
			row.alone_ms = median(args.minMs, () => glue.normalize(text, SETTINGS, null));
			row.per_call_ms = median(args.minMs, () => glue.normalize(text, SETTINGS, context));
			const other = { ...context, dateOrder: "mdy" };
			let flip = false;
			row.cold_ms = median(args.minMs, () => {
				flip = !flip;
				return glue.normalize(text, SETTINGS, flip ? other : context);
			});
			if (hasHandle) {
				let t = performance.now();
				const handle = glue.prepareVault(context);
				row.prepare_ms = performance.now() - t;
				t = performance.now();
				glue.normalizePrepared(text, SETTINGS, handle);
				row.first_call_ms = performance.now() - t;
				row.handle_ms = median(args.minMs, () => glue.normalizePrepared(text, SETTINGS, handle));
				const same = JSON.stringify(glue.normalizePrepared(text, SETTINGS, handle)) === JSON.stringify(glue.normalize(text, SETTINGS, context));
				if (!same) throw new Error(`${kind} at ${n} names: the handle's outcome differs from the per-call one`);
				handle.free();
			}
			for (const k of Object.keys(row)) if (k.endsWith("_ms")) row[k] = Number(row[k].toFixed(3));
			console.log(JSON.stringify(row));
		}
	}
}

await main();
