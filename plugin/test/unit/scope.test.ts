import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { scanVault } from "../../src/core/cleanup";
import { AutoFixGuard, ownerLabel, ownerPlugin } from "../../src/core/guard";
import { inFolder, isExcluded } from "../../src/core/scope";
import { defaultSettings } from "../../src/core/settings";
import { FakeCore, MemoryVault } from "./fakes";

test("ownerPlugin: a top-level *-plugin key in the frontmatter, or an .excalidraw.md file", () => {
	assert.equal(ownerPlugin("a.md", "---\nexcalidraw-plugin: parsed\n---\n"), "excalidraw-plugin");
	assert.equal(ownerPlugin("a.md", "---\n\nkanban-plugin: basic\n\n---\n\n## To do\n"), "kanban-plugin");
	assert.equal(ownerPlugin("a.md", "---\ntags: [x]\nmindmap-plugin: basic\n---\n"), "mindmap-plugin");
	assert.equal(ownerPlugin("Drawing.excalidraw.md", "no frontmatter"), "excalidraw-plugin");
	assert.equal(ownerPlugin("a.md", "---\ntitle: kanban-plugin: not a key\n---\n"), null, "only a key at the start of a line");
	assert.equal(ownerPlugin("a.md", "---\nnested:\n  my-plugin: x\n---\n"), null, "only top-level keys");
	assert.equal(ownerPlugin("a.md", "kanban-plugin: basic\n"), null, "outside frontmatter");
	assert.equal(ownerLabel("excalidraw-plugin"), "Excalidraw");
});

test("ownerPlugin reads the notes the core leaves to their plugin (tests/data/owned.json, run by tests/opt_out.rs too)", () => {
	const file = path.resolve(__dirname, "../../..", "tests", "data", "owned.json");
	const cases = JSON.parse(fs.readFileSync(file, "utf8")) as { note: string; owner: string | null; why: string }[];
	assert.ok(cases.length >= 10);
	for (const c of cases) assert.equal(ownerPlugin("a.md", c.note), c.owner, `${JSON.stringify(c.note)}: ${c.why}`);
});

test("isExcluded: Obsidian's excluded files, prefixes and /regex/ entries", () => {
	const filters = ["Archive/", "Templates", "/scratch/", "/[/"];
	assert.ok(isExcluded("Archive/2020/a.md", filters));
	assert.ok(isExcluded("Templates/t.md", filters));
	assert.ok(isExcluded("Templates old/t.md", filters), "a prefix, as Obsidian matches it");
	assert.ok(isExcluded("Inbox/my scratch pad.md", filters));
	assert.ok(!isExcluded("Notes/Archive/a.md", filters));
	assert.ok(!isExcluded("a.md", []), "no filters");
	assert.ok(!isExcluded("[.md", ["/[/"]), "an invalid regex excludes nothing");
});

test("inFolder: the folder and below; '' or '/' is the whole vault", () => {
	assert.ok(inFolder("Projects/a.md", "Projects"));
	assert.ok(inFolder("Projects/Sub/a.md", "Projects/"));
	assert.ok(!inFolder("Projects old/a.md", "Projects"));
	assert.ok(inFolder("a.md", ""));
	assert.ok(inFolder("a.md", "/"));
});

test("scan: a folder's notes only, less excluded files and notes other plugins own", async () => {
	const v = new MemoryVault({
		"Projects/a.md": "a  \n",
		"Projects/Sub/b.md": "b  \n",
		"Projects/board.md": "---\nkanban-plugin: basic\n---\n\n## To do  \n",
		"Projects/Archive/c.md": "c  \n",
		"Other/d.md": "d  \n",
	});
	const plan = await scanVault(v, new FakeCore(), defaultSettings(), {}, { folder: "Projects", excluded: ["Projects/Archive/"] });
	assert.deepEqual(plan.files.map((f) => f.path), ["Projects/a.md", "Projects/Sub/b.md"]);
	assert.deepEqual(plan.excluded, ["Projects/Archive/c.md"]);
	assert.deepEqual(plan.owned, [{ path: "Projects/board.md", owner: "kanban-plugin" }]);
	assert.equal(plan.folder, "Projects");
});

test("the auto-fix guard leaves notes of other plugins alone", () => {
	const guard = new AutoFixGuard();
	const settings = { ...defaultSettings(), fixOnSave: true };
	assert.deepEqual(guard.decide("save", "b.md", "---\nkanban-plugin: basic\n---\n", settings), { run: false, reason: "the note belongs to kanban-plugin" });
	assert.deepEqual(guard.decide("save", "b.md", "plain\n", settings), { run: true });
});
