// The WASM core behind a small, synchronous wrapper. Loading inflates and
// compiles the embedded bytes once, asynchronously; each instance is made from that
// compiled module. A trap (a Rust panic) leaves an instance unusable, so the
// wrapper reads the panic message, makes a fresh instance from the same
// module and throws an Error carrying the message: the next note works.
// A vault prepared in the core lives in one instance's memory: one made
// before a trap is unusable after it (see InstanceVault).

import type { CorePort, KeptKey, NoteFacts, Outcome, PreparedVault, VaultContext } from "./types";
import { isPrepared } from "./types";

/** The glue's object for a vault prepared in the core (src/wasm.rs `PreparedVault`). */
export interface WasmVault {
	/** How many people its context names. */
	readonly people: number;
	free(): void;
}

/** The functions wasm-bindgen generates (see plugin/build/wasm-factory.mjs). */
export interface Bindings {
	initSync(input: { module: WebAssembly.Module }): unknown;
	normalize(text: string, settings: unknown, vault: unknown): unknown;
	prepareVault(vault: unknown): WasmVault;
	normalizePrepared(text: string, settings: unknown, vault: WasmVault): unknown;
	noteFacts(text: string, settings: unknown): unknown;
	vaultContext(facts: unknown): unknown;
	linterKeptKeys(communityPlugins: string, linterData: string): unknown;
	fixNames(): string[];
	version(): string;
	lastPanic(): string | undefined;
}

/** Makes a fresh copy of the glue, with its own state. */
export type BindingsFactory = () => Bindings;

export interface CoreTimings {
	/** Getting the compiled module, in ms: inflating the embedded gzip and WebAssembly.compile. */
	compileMs: number;
	/** Instantiation and the module's start function, in ms. */
	initMs: number;
}

/** Thrown when the core trapped; the wrapper has already recovered. */
export class CoreCrashError extends Error {
	constructor(message: string) {
		super(`Notemend core crashed: ${message}`);
		this.name = "CoreCrashError";
	}
}

/** A vault prepared in one instance of the core. */
class InstanceVault implements PreparedVault {
	constructor(
		readonly context: VaultContext,
		private wasm: WasmVault | null,
		/** Which instance holds it (NotemendCore.instances when it was made). */
		private readonly instance: number,
		private readonly current: () => number,
	) {}

	get usable(): boolean {
		return this.wasm !== null && this.current() === this.instance;
	}

	/** The glue's object, while usable. */
	get handle(): WasmVault | null {
		return this.usable ? this.wasm : null;
	}

	free(): void {
		// One made before a trap went with that instance's memory: nothing to free there.
		if (this.usable) this.wasm?.free();
		this.wasm = null;
	}
}

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

export class NotemendCore implements CorePort {
	private bindings: Bindings;
	/** How many instances have been made (1 + recoveries). */
	instances = 0;
	readonly timings: CoreTimings;

	/**
	 * Compiles the module once and makes the first instance. `source` is the
	 * module's bytes or a function that compiles it (src/wasm.ts: inflating
	 * the embedded gzip on the way); only the compiled module is kept.
	 */
	static async load(source: BufferSource | (() => Promise<WebAssembly.Module>), factory: BindingsFactory): Promise<NotemendCore> {
		const start = now();
		const module = typeof source === "function" ? await source() : await WebAssembly.compile(source);
		const compileMs = now() - start;
		return new NotemendCore(module, factory, compileMs);
	}

	constructor(
		private readonly module: WebAssembly.Module,
		private readonly factory: BindingsFactory,
		compileMs = 0,
	) {
		const start = now();
		this.bindings = this.instantiate();
		this.timings = { compileMs, initMs: now() - start };
	}

	private instantiate(): Bindings {
		const bindings = this.factory();
		bindings.initSync({ module: this.module });
		this.instances += 1;
		return bindings;
	}

	private call<T>(run: (b: Bindings) => T): T {
		try {
			return run(this.bindings);
		} catch (error) {
			if (error instanceof WebAssembly.RuntimeError) {
				let panic: string | undefined;
				try {
					panic = this.bindings.lastPanic();
				} catch {
					panic = undefined;
				}
				this.bindings = this.instantiate();
				throw new CoreCrashError(panic ?? error.message);
			}
			if (error instanceof Error) throw error;
			throw new Error(String(error));
		}
	}

	normalize(text: string, settings: object, vault?: VaultContext | PreparedVault): Outcome {
		if (isPrepared(vault)) {
			const handle = vault instanceof InstanceVault ? vault.handle : null;
			// Freed, another core's, or lost with a trapped instance: its context, as an object (same outcome, slower).
			if (!handle) return this.normalize(text, settings, vault.context);
			return this.call((b) => b.normalizePrepared(text, settings, handle) as Outcome);
		}
		return this.call((b) => b.normalize(text, settings, vault ?? null) as Outcome);
	}

	prepareVault(context: VaultContext): PreparedVault {
		const instance = this.instances;
		const wasm = this.call((b) => b.prepareVault(context));
		return new InstanceVault(context, wasm, instance, () => this.instances);
	}

	noteFacts(text: string, settings: object): NoteFacts {
		return this.call((b) => b.noteFacts(text, settings) as NoteFacts);
	}

	vaultContext(facts: NoteFacts[]): VaultContext {
		return this.call((b) => b.vaultContext(facts) as VaultContext);
	}

	linterKeptKeys(communityPlugins: string, linterData: string): KeptKey[] {
		return this.call((b) => b.linterKeptKeys(communityPlugins, linterData) as KeptKey[]);
	}

	fixNames(): string[] {
		return this.call((b) => b.fixNames());
	}

	version(): string {
		return this.call((b) => b.version());
	}
}
