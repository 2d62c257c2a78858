// Not part of `npm test`: `node test/run.mjs bench` (after
// scripts/build-plugin.sh). What the vault clean-up's scan costs on the real
// WASM core with a vault index of N people, the index prepared in the core
// once (as the plugin does) against passed as an object to every note's
// repair (what it did before, and still does when the core cannot prepare
// it). Prints the figures; asserts only that both plans agree.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createBindings } from "notemend-wasm/factory";
import { scanVault } from "../../src/core/cleanup";
import { NotemendCore } from "../../src/core/core";
import { defaultSettings } from "../../src/core/settings";
import type { CorePort } from "../../src/core/types";
import { compileEmbedded } from "../../src/wasm";
import { MemoryVault } from "../unit/fakes";
import { people } from "./names";

/** `notes` meeting notes whose attendees lines name the `names` between them, one doubled name and a stray space each. */
function vaultOf(names: string[], notes: number): MemoryVault {
	const files: Record<string, string> = {};
	const per = Math.ceil(names.length / notes);
	for (let i = 0; i < notes; i++) {
		const attendees = names.slice(i * per, (i + 1) * per);
		const first = attendees[0] ?? "Ada Lovelace";
		files[`Meetings/${String(i).padStart(5, "0")}.md`] = `# Meeting ${i}\n\n**Attendees**: ${attendees.join(", ")}\n\n- [ ] Follow up with @${first} ${first.split(" ")[1] ?? ""} \n`;
	}
	return new MemoryVault(files);
}

const unprepared = (core: CorePort): CorePort => ({
	normalize: (text, settings, vault) => core.normalize(text, settings, vault),
	noteFacts: (text, settings) => core.noteFacts(text, settings),
	vaultContext: (facts) => core.vaultContext(facts),
	linterKeptKeys: (plugins, data) => core.linterKeptKeys(plugins, data),
	prepareVault: () => {
		throw new Error("not prepared: the context goes as an object");
	},
});

for (const [names, notes] of [
	[600, 2000],
	[15000, 2000],
] as const) {
	test(`clean-up scan, ${notes} notes naming ${names} people: prepared once against passed to every note`, async () => {
		const core = await NotemendCore.load(compileEmbedded, createBindings);
		const vault = vaultOf(people(names), notes);
		const settings = defaultSettings();
		const error = console.error;
		console.error = (): void => undefined;
		try {
			const figures: Record<string, number> = {};
			const plans: Record<string, string> = {};
			// Twice each, alternating; the second of each counts (the first warms up).
			for (const round of [0, 1]) {
				for (const [kind, port] of [
					["object", unprepared(core)],
					["prepared", core],
				] as const) {
					const t = performance.now();
					const plan = await scanVault(vault, port, settings, { batchSize: 200 });
					if (round === 1) figures[kind] = performance.now() - t;
					plans[kind] = JSON.stringify(plan.files.map((f) => f.text));
					assert.equal(plan.context.people.length, names);
				}
			}
			assert.equal(plans.prepared, plans.object, "the same plan");
			console.log(`# scan of ${notes} notes, ${names} names: context as an object ${figures.object?.toFixed(0)} ms, prepared ${figures.prepared?.toFixed(0)} ms`);
		} finally {
			console.error = error;
		}
	});
}
