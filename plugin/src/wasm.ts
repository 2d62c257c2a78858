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
import { fromText91, streamText91 } from "./text91";

/** The embedded gzip as bytes, decoded whole from main.js's string (the fallback's way, and the tests'). */
export function embeddedGzip(): Uint8Array<ArrayBuffer> {
	return fromText91(gzipText);
}

/**
 * Compiles the embedded module. Where the platform has DecompressionStream
 * and WebAssembly.compileStreaming (Obsidian's Electron, Android's WebView,
 * iOS 16.4 and later), the text is decoded a piece at a time as its own gzip
 * inflates it and the module compiles (off the main thread): the three
 * overlap. Elsewhere the text is decoded whole and fflate (pure JS, so any
 * WebView works) inflates it: correct everywhere, but several times slower
 * here, its code cold on this single call (see plugin/README.md), so it is
 * only the fallback.
 */
export async function compileEmbedded(text: string = gzipText): Promise<WebAssembly.Module> {
	if (typeof DecompressionStream === "function" && typeof WebAssembly.compileStreaming === "function") {
		try {
			return await WebAssembly.compileStreaming(new Response(inflateStream(streamText91(text)), { headers: { "Content-Type": "application/wasm" } }));
		} catch {
			// A stream this platform cannot compile from: fflate below (which
			// throws too, should the text itself be bad).
		}
	}
	return WebAssembly.compile(inflateJs(fromText91(text)));
}

/** The platform's gzip: the inflated bytes of a gzip, whole or as a stream, as a stream. */
export function inflateStream(gz: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array<ArrayBuffer>>): ReadableStream<Uint8Array<ArrayBuffer>> {
	const source =
		gz instanceof ReadableStream
			? gz
			: new ReadableStream<Uint8Array<ArrayBuffer>>({
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
