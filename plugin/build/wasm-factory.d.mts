export function toFactory(source: string): string;
export function stripNames(wasm: Buffer): Buffer;
export function compressWasm(wasm: Buffer): Buffer;
export function wasmFactoryPlugin(wasmDir: string): unknown;
export const TEXT91_SYMBOLS: string;
export function toText91(bytes: Uint8Array): string;
