// Not part of `npm test`: `node test/run.mjs bench`. What a save costs on
// the real WASM core through the plugin's path (VaultFacts, HeldVault, the
// wrappers main.ts uses), with a vault index of N people from M notes:
// right after another note's facts changed (the context is built and
// prepared again) and with nothing changed since the last save. Prints
// medians; asserts only that the save repairs what the vault settles.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createBindings } from "notemend-wasm/factory";
import { NotemendCore } from "../../src/core/core";
import { keepingKeys } from "../../src/core/kept-keys";
import { HeldVault } from "../../src/core/prepared-vault";
import { defaultSettings } from "../../src/core/settings";
import { VaultFacts, withVaultContext } from "../../src/core/vault-facts";
import { compileEmbedded } from "../../src/wasm";
import { MemoryVault } from "../unit/fakes";
import { people } from "./names";

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

for (const [names, notes] of [
	[600, 400],
	[15000, 10000],
] as const) {
	test(`a save through the plugin's path, ${notes} notes naming ${names} people`, async () => {
		const core = await NotemendCore.load(compileEmbedded, createBindings);
		const all = people(names);
		const per = Math.ceil(names / notes);
		const files: Record<string, string> = {};
		// Listed out of order, as a vault's files are (a fixed shuffle).
		for (let k = 0; k < notes; k++) {
			const i = (k * 7919) % notes;
			files[`Meetings/${String(i).padStart(5, "0")}.md`] = `**Attendees**: ${all.slice(i * per, (i + 1) * per).join(", ")}\n`;
		}
		const vault = new MemoryVault(files);
		const settings = { ...defaultSettings(), fixOnSave: true };
		const facts = new VaultFacts(vault, () => core, () => settings, { batchSize: 500 });
		const held = new HeldVault(() => core);
		const port = withVaultContext(keepingKeys(core, () => []), () => held.vaultFor(facts.context(), []));
		await facts.start();
		const doubled = `Call ${all[1] ?? ""} ${(all[1] ?? "").split(" ")[1] ?? ""} today.\n`;
		assert.equal(port.normalize(doubled, settings).text, `Call ${all[1] ?? ""} today.\n`, "the vault settles the doubled name");

		const steps: Record<string, number[]> = { context: [], prepare: [], repair: [], unchanged: [] };
		const time = (step: string, run: () => unknown): void => {
			const t = performance.now();
			run();
			steps[step]?.push(performance.now() - t);
		};
		for (let r = 0; r < 7; r++) {
			// Another note gains (or loses) a day-first date: its facts change.
			const path = "Meetings/00000.md";
			vault.files.set(path, `${files[path] ?? ""}${r % 2 === 0 ? "due 25/12/2024\n" : ""}`);
			await facts.changed(path);
			// The save's steps one by one: the context built again, prepared in the core, the repair (whose first call prepares the fixes' context).
			time("context", () => facts.context());
			time("prepare", () => held.vaultFor(facts.context(), []));
			time("repair", () => port.normalize(doubled, settings));
			time("unchanged", () => port.normalize(doubled, settings));
		}
		const [context, prepare, repair, unchanged] = ["context", "prepare", "repair", "unchanged"].map((k) => median(steps[k] ?? []));
		console.log(
			`# save, ${notes} notes, ${names} names, after a change of facts: context ${context?.toFixed(2)} ms, prepare ${prepare?.toFixed(2)} ms, repair ${repair?.toFixed(2)} ms; with none since: ${unchanged?.toFixed(3)} ms`,
		);
		held.release();
	});
}
