// Bundles the TypeScript tests with esbuild and runs them with Node's own
// test runner: `node test/run.mjs unit wasm chromium`.
//   unit     logic modules, no Obsidian, no WASM
//   wasm     the real WASM core (plugin/wasm, built by scripts/build-plugin.sh) under Node
//   chromium the bundled main.js in headless Chromium against the Obsidian stand-in
//   bench    figures, not tests (not in `npm test`): the clean-up's scan on the real core
import esbuild from "esbuild";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { wasmFactoryPlugin } from "../build/wasm-factory.mjs";

const plugin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(plugin, "test-build");
const suites = process.argv.slice(2);
if (suites.length === 0) suites.push("unit", "wasm", "chromium");

const needsWasm = suites.some((s) => s !== "unit");
if (needsWasm && !fs.existsSync(path.join(plugin, "wasm", "notemend_bg.wasm"))) {
	console.error("plugin/wasm/ is missing: run scripts/build-plugin.sh first");
	process.exit(2);
}

fs.rmSync(out, { recursive: true, force: true });
const files = [];
for (const suite of suites) {
	const dir = path.join(plugin, "test", suite);
	const entries = fs.readdirSync(dir).filter((f) => f.endsWith(".test.ts")).map((f) => path.join(dir, f));
	await esbuild.build({
		entryPoints: entries,
		outdir: path.join(out, suite),
		outExtension: { ".js": ".cjs" },
		bundle: true,
		platform: "node",
		format: "cjs",
		target: "node20",
		sourcemap: "inline",
		external: ["playwright-core", "eslint", "esbuild"],
		loader: { ".wasm": "binary" },
		plugins: [wasmFactoryPlugin(path.join(plugin, "wasm"))],
		logLevel: "warning",
	});
	files.push(...entries.map((e) => path.join(out, suite, path.basename(e).replace(/\.ts$/, ".cjs"))));
}

if (suites.includes("chromium")) {
	// The page side: the Obsidian stand-in and the harness, one browser script.
	await esbuild.build({
		entryPoints: [path.join(plugin, "test", "chromium", "standin", "harness.ts")],
		outfile: path.join(out, "chromium", "standin.js"),
		bundle: true,
		platform: "browser",
		format: "iife",
		target: "es2020",
		logLevel: "warning",
	});
	if (!fs.existsSync(path.join(plugin, "main.js"))) {
		console.error("plugin/main.js is missing: run scripts/build-plugin.sh first");
		process.exit(2);
	}
}

const result = spawnSync(process.execPath, ["--test", ...files], { stdio: "inherit", cwd: plugin });
process.exit(result.status ?? 1);
