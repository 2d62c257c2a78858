// The embedded core: the wasm-bindgen glue as a factory and the .wasm bytes,
// gzipped, both inlined into main.js by esbuild (see plugin/build/wasm-factory.mjs),
// the gzip as one string literal of text91 (src/text91.ts). The module is
// decoded, inflated and compiled once, on load; the compiled module is kept,
// so recovery after a trap instantiates it again without decoding, inflating
// or compiling anything.
import { gunzipSync } from "fflate";
import { createBindings } from "notemend-wasm/factory";
import gzipText from "notemend-wasm/gzip-text";
import { NotemendCore } from "./core/core";
import { fromText91 } from "./text91";

/**
 * The embedded gzip as bytes, decoded from main.js's string on each call
 * (one tight loop, a few milliseconds): only the compiled module is kept.
 */
export function embeddedGzip(): Uint8Array<ArrayBuffer> {
	return fromText91(gzipText);
}

/**
 * Compiles the embedded module. Where the platform has DecompressionStream
 * and WebAssembly.compileStreaming (Obsidian's Electron, Android's WebView,
 * iOS 16.4 and later), its own gzip inflates while the module compiles, off
 * the main thread. Elsewhere fflate (pure JS, so any WebView works) inflates
 * it first: correct everywhere, but several times slower here, its code cold
 * on this single call (see plugin/README.md), so it is only the fallback.
 */
export async function compileEmbedded(gz: Uint8Array<ArrayBuffer> = embeddedGzip()): Promise<WebAssembly.Module> {
	if (typeof DecompressionStream === "function" && typeof WebAssembly.compileStreaming === "function") {
		try {
			return await WebAssembly.compileStreaming(new Response(inflateStream(gz), { headers: { "Content-Type": "application/wasm" } }));
		} catch {
			// A stream this platform cannot compile from: fflate below.
		}
	}
	return WebAssembly.compile(inflateJs(gz));
}

/** The platform's gzip: the inflated bytes as a stream. */
export function inflateStream(gz: Uint8Array<ArrayBuffer>): ReadableStream<Uint8Array<ArrayBuffer>> {
	const source = new ReadableStream<BufferSource>({
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
