// Single-note repairs with the vault index, on the real WASM core: what the
// other notes say settles a doubled name, a mojibake gap in a name and an
// ambiguous date on save, as the clean-up settles them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createBindings } from "notemend-wasm/factory";
import { autoFixInEditor, normalizeNote } from "../../src/core/actions";
import { scanVault } from "../../src/core/cleanup";
import { NotemendCore } from "../../src/core/core";
import { AutoFixGuard } from "../../src/core/guard";
import { keepingKeys } from "../../src/core/kept-keys";
import { defaultSettings } from "../../src/core/settings";
import { VaultFacts, withVaultContext } from "../../src/core/vault-facts";
import { compileEmbedded } from "../../src/wasm";
import { FakeEditor, MemoryVault } from "../unit/fakes";

const load = (): Promise<NotemendCore> => NotemendCore.load(compileEmbedded, createBindings);

// Other notes of the vault: who attends, and dates that can only be read day first.
const VAULT: Record<string, string> = {
	"People/Standup.md": "**Attendees**: Mei Álvarez, Ýrsa Sigurðardóttir, Lior Genzel\n",
	"Log/a.md": "---\ndue: 25/12/2024\n---\n",
	"Log/b.md": "---\ndue: 31/01/2025\n---\n",
	"Log/c.md": "---\ndue: 13/02/2025\n---\n",
};

const NOTES = {
	doubled: { text: "Call Mei Álvarez Álvarez about the budget.\n", fixed: "Call Mei Álvarez about the budget.\n" },
	// Ý lost its second byte (0x9D, which windows-1252 leaves undefined): only the vault names Ýrsa.
	mojibake: { text: "Lunch with Ãrsa Sigurðardóttir today.\n", fixed: "Lunch with Ýrsa Sigurðardóttir today.\n" },
	date: { text: "---\ndue: 03/04/2025\n---\n", fixed: "---\ndue: 2025-04-03\n---\n" },
};

test("on save and from the command, a note is repaired with what the vault knows, as the clean-up repairs it", async () => {
	const core = await load();
	const settings = { ...defaultSettings(), fixOnSave: true };
	const vault = new MemoryVault({ ...VAULT, "New.md": "" });
	const facts = new VaultFacts(vault, () => core, () => settings);
	const port = withVaultContext(keepingKeys(core, () => []), () => facts.context());

	for (const [name, note] of Object.entries(NOTES)) {
		const alone = new FakeEditor(note.text);
		autoFixInEditor("save", "New.md", alone, port, settings, new AutoFixGuard());
		assert.equal(alone.text, note.text, `${name}: before the index is read, the note is judged alone and left`);
	}
	await facts.start();
	for (const [name, note] of Object.entries(NOTES)) {
		const saved = new FakeEditor(note.text);
		assert.equal(autoFixInEditor("save", "New.md", saved, port, settings, new AutoFixGuard()), true, name);
		assert.equal(saved.text, note.fixed, `${name}: fix on save`);
		const command = new FakeEditor(note.text);
		normalizeNote(command, port, settings, "New.md");
		assert.equal(command.text, note.fixed, `${name}: normalize current note`);
		const cleanup = await scanVault(new MemoryVault({ ...VAULT, "New.md": note.text }), port, settings);
		assert.equal(cleanup.files.find((f) => f.path === "New.md")?.text, note.fixed, `${name}: the clean-up agrees`);
	}

	// The vault forgets Mei Álvarez: the doubled name is left again.
	vault.files.set("People/Standup.md", "**Attendees**: Ýrsa Sigurðardóttir, Lior Genzel\n");
	await facts.changed("People/Standup.md");
	const after = new FakeEditor(NOTES.doubled.text);
	normalizeNote(after, port, settings, "New.md");
	assert.equal(after.text, NOTES.doubled.text);
});
