// The embedded core: the wasm-bindgen glue as a factory and the .wasm bytes,
// both inlined into main.js by esbuild (see plugin/build/wasm-factory.mjs).
import { createBindings } from "notemend-wasm/factory";
import wasmBytes from "notemend-wasm/bytes";
import { NotemendCore } from "./core/core";

export function loadCore(): Promise<NotemendCore> {
	return NotemendCore.load(wasmBytes, createBindings);
}
