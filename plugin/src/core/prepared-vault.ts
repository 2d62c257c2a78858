// The vault index's context, handed to the core once. Every single-note
// repair (fix on save, on leave, the note commands) passes the core the
// context the vault index builds, and the clean-up's scan passes its own
// to every note; as an object, that copies every name across the WASM
// boundary on each call, and the core compares them with the last call's
// or prepares them again: milliseconds per call at thousands of names
// (scripts/bench_vault_handle.mjs). The core can hold the context instead
// (src/prepared.rs). This module keeps that handle while the context and
// the kept keys stay the same, makes a new one when either changes, and
// frees the one it replaces: its memory is the core's, which the garbage
// collector would give back late, if at all.

import { withKept } from "./kept-keys";
import type { CorePort, KeptKey, PreparedVault, VaultContext } from "./types";

interface Held {
	/** The vault index hands the same object until some facts change. */
	context: VaultContext;
	/** The kept keys, as JSON: they are read again every few seconds on mobile, the same keys as a new array. */
	keys: string;
	/** None when the core failed to prepare them: not asked again until either changes. */
	vault: PreparedVault | null;
	/** The context with the keys, passed as an object when there is no handle. */
	whole: VaultContext;
}

export class HeldVault {
	private held: Held | null = null;

	constructor(private readonly core: () => Pick<CorePort, "prepareVault"> | null) {}

	/** The handle held, if any (for the tests). */
	get current(): PreparedVault | null {
		return this.held?.vault ?? null;
	}

	/**
	 * What a single-note repair passes the core for `context` with the kept
	 * `keys`: the handle held when both are the same as last time and the
	 * core still holds it (a trap loses it), else a new one; the context
	 * itself, with the keys, when the core cannot prepare one (asked once per
	 * context and keys); nothing without a context (the index is not read,
	 * or turned off).
	 */
	vaultFor(context: VaultContext | undefined, keys: readonly KeptKey[]): VaultContext | PreparedVault | undefined {
		if (!context) {
			this.release();
			return undefined;
		}
		const keyed = JSON.stringify(keys);
		const held = this.held;
		if (held && held.context === context && held.keys === keyed) {
			if (held.vault === null) return held.whole;
			if (held.vault.usable) return held.vault;
		}
		this.release();
		const whole = withKept(context, keys) ?? context;
		const core = this.core();
		if (!core) return whole;
		let vault: PreparedVault | null = null;
		try {
			vault = core.prepareVault(whole);
		} catch (error) {
			// A core crash here must not stop a save: the context goes as an object, as before.
			console.error("Notemend: preparing the vault index in the core failed", error);
		}
		this.held = { context, keys: keyed, vault, whole };
		return vault ?? whole;
	}

	/** Frees the handle held (when the index goes, and on unload). */
	release(): void {
		const held = this.held;
		this.held = null;
		held?.vault?.free();
	}
}
