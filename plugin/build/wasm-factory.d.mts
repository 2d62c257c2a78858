export function toFactory(source: string): string;
export function stripNames(wasm: Buffer): Buffer;
export const ZOPFLI: { iterations: number; maxBlocks: number };
export function compressWasm(wasm: Buffer, pluginDir: string, options?: { cache?: boolean }): Buffer;
export function wasmFactoryPlugin(wasmDir: string): unknown;
