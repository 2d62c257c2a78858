// The embedded core: the wasm-bindgen glue as a factory and the .wasm bytes,
// gzipped, both inlined into main.js by esbuild (see plugin/build/wasm-factory.mjs).
// The gzip is base64 in main.js, decoded by esbuild's helper as main.js is
// evaluated: natively (Uint8Array.fromBase64) where the platform has it. The
// module is inflated and compiled once, on load; the compiled module is kept,
// so recovery after a trap instantiates it again without inflating or
// compiling anything.
import { gunzipSync } from "fflate";
import { createBindings } from "notemend-wasm/factory";
import gzipped from "notemend-wasm/gzip";
import { NotemendCore } from "./core/core";

/**
 * Compiles the embedded module. Where the platform has DecompressionStream
 * and WebAssembly.compileStreaming (Obsidian's Electron, Android's WebView,
 * iOS 16.4 and later), its own gzip inflates while the module compiles, off
 * the main thread. Elsewhere fflate (pure JS, so any WebView works) inflates
 * it first: correct everywhere, but several times slower here, its code cold
 * on this single call (see plugin/README.md), so it is only the fallback.
 */
export async function compileEmbedded(gz: Uint8Array<ArrayBuffer> = gzipped): Promise<WebAssembly.Module> {
	if (typeof DecompressionStream === "function" && typeof WebAssembly.compileStreaming === "function") {
		try {
			return await WebAssembly.compileStreaming(new Response(inflateStream(gz), { headers: { "Content-Type": "application/wasm" } }));
		} catch {
			// A stream this platform cannot compile from: fflate below (which
			// throws too, should the gzip itself be bad).
		}
	}
	return WebAssembly.compile(inflateJs(gz));
}

/** The platform's gzip: the inflated bytes as a stream. */
export function inflateStream(gz: Uint8Array<ArrayBuffer>): ReadableStream<Uint8Array<ArrayBuffer>> {
	const source = new ReadableStream<Uint8Array<ArrayBuffer>>({
		start(controller) {
			controller.enqueue(gz);
			controller.close();
		},
	});
	return source.pipeThrough(new DecompressionStream("gzip"));
}

/** fflate's gzip: it reads the size from the gzip trailer and allocates the output once. */
export function inflateJs(gz: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
	return gunzipSync(gz);
}

export function loadCore(): Promise<NotemendCore> {
	return NotemendCore.load(compileEmbedded, createBindings);
}
