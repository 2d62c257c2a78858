declare module "notemend-wasm/factory" {
	type Bindings = import("./core/core").Bindings;
	export function createBindings(): Bindings;
}

declare module "notemend-wasm/gzip-text" {
	/** The .wasm without its name section, gzipped, as text91 (plugin/build/wasm-factory.mjs, src/text91.ts). */
	const gzipText: string;
	export default gzipText;
}
