declare module "notemend-wasm/factory" {
	type Bindings = import("./core/core").Bindings;
	export function createBindings(): Bindings;
}

declare module "notemend-wasm/bytes" {
	const bytes: Uint8Array<ArrayBuffer>;
	export default bytes;
}
