// Bundles the plugin into ONE main.js (CommonJS, `obsidian` external) with the
// WASM core embedded, gzipped. `node esbuild.config.mjs [--out FILE]`.
import esbuild from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compressWasm, stripNames, wasmFactoryPlugin } from "./build/wasm-factory.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const outIndex = process.argv.indexOf("--out");
const outfile = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : path.join(here, "main.js");

await esbuild.build({
	entryPoints: [path.join(here, "src/main.ts")],
	bundle: true,
	format: "cjs",
	platform: "browser",
	target: "es2020",
	external: ["obsidian", "electron", "@codemirror/*", "@lezer/*"],
	loader: { ".wasm": "binary" },
	plugins: [wasmFactoryPlugin(path.join(here, "wasm"))],
	minify: true,
	sourcemap: false,
	legalComments: "none",
	banner: { js: "/* Notemend: repairs damaged Obsidian notes. The WASM core is embedded below, gzipped. */" },
	outfile,
	logLevel: "warning",
});
const wasm = fs.readFileSync(path.join(here, "wasm", "notemend_bg.wasm"));
console.log(
	`bundled ${path.relative(process.cwd(), outfile)}: ${fs.statSync(outfile).size} bytes;` +
		` WASM ${wasm.length} bytes built, ${stripNames(wasm).length} embedded, ${compressWasm(wasm, here).length} gzipped (Zopfli)`,
);
