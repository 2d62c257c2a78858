declare module "notemend-wasm/factory" {
	type Bindings = import("./core/core").Bindings;
	export function createBindings(): Bindings;
}

declare module "notemend-wasm/gzip" {
	/** The .wasm without its name section, gzipped (plugin/build/wasm-factory.mjs). */
	const gzipped: Uint8Array<ArrayBuffer>;
	export default gzipped;
}
