// Gzips stdin to stdout with Zopfli (@gfx/zopfli, its C code built to
// WebAssembly): the same deflate format as zlib's, searched much harder, so
// any inflater reads it. build/wasm-factory.mjs runs this in a child process:
// the Emscripten module installs process-wide error handlers and keeps its
// heap, neither of which belongs in esbuild's or the test runner's process.
//
// Usage: node zopfli-gzip.mjs ITERATIONS MAX_BLOCKS < in > out.gz
import fs from "node:fs";
import zopfli from "@gfx/zopfli";

const [numiterations, blocksplittingmax] = process.argv.slice(2).map(Number);
const input = fs.readFileSync(0);
const out = await zopfli.gzipAsync(input, { numiterations, blocksplittingmax, blocksplitting: true });
fs.writeSync(1, out);
