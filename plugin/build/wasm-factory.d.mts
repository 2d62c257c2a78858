export function toFactory(source: string): string;
export function stripNames(wasm: Buffer): Buffer;
export function compressWasm(wasm: Buffer): Buffer;
export function wasmFactoryPlugin(wasmDir: string): unknown;
