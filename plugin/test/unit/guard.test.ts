import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { AutoFixGuard, frontmatterOf, isIgnored, optsOut } from "../../src/core/guard";
import { defaultSettings } from "../../src/core/settings";

test("ignored folders match whole path segments", () => {
	assert.ok(isIgnored("Templates/Daily.md", ["Templates"]));
	assert.ok(isIgnored("Templates/sub/x.md", ["Templates/"]));
	assert.ok(isIgnored("Archive/Old/x.md", ["Archive/Old"]));
	assert.ok(!isIgnored("TemplatesX/x.md", ["Templates"]));
	assert.ok(!isIgnored("Notes/Templates/x.md", ["Templates"]));
	assert.ok(!isIgnored("x.md", []));
	assert.ok(!isIgnored("x.md", [""]));
});

test("a note opts out with notemend: false in its frontmatter only", () => {
	assert.ok(optsOut("---\ntitle: x\nnotemend: false\n---\nbody"));
	assert.ok(optsOut("\uFEFF---\r\nnotemend: off\r\n---\r\n"));
	assert.ok(optsOut("---\nNotemend:   no   # keep it raw\n---\n"));
	assert.ok(optsOut("---\nnotemend: false\n---"));
	assert.ok(!optsOut("---\nnotemend: true\n---\n"));
	assert.ok(!optsOut("notemend: false\n"));
	assert.ok(!optsOut("# Note\n\n---\nnotemend: false\n---\n"));
	assert.ok(!optsOut("---\nnotemend: false\n"), "an unclosed frontmatter is no frontmatter");
	assert.equal(frontmatterOf("---\n---\nx"), "");
	assert.equal(frontmatterOf("x"), null);
});

test("the opt-out reads the notes the core reads as opting out (tests/data/opt-out.json, run by tests/opt_out.rs too)", () => {
	const file = path.resolve(__dirname, "../../..", "tests", "data", "opt-out.json");
	const cases = JSON.parse(fs.readFileSync(file, "utf8")) as { note: string; optsOut: boolean; why: string }[];
	assert.ok(cases.length >= 30);
	for (const c of cases) assert.equal(optsOut(c.note), c.optsOut, `${JSON.stringify(c.note)}: ${c.why}`);
	assert.ok(cases.some((c) => c.note.includes("false#x") && !c.optsOut), "the case that started this");
});

test("the auto-fix guard: settings, folders, opt-out, re-entrancy, own output", () => {
	const guard = new AutoFixGuard();
	const s = defaultSettings();
	assert.deepEqual(guard.decide("save", "a.md", "x  ", s), { run: false, reason: "fix on save is off" });
	s.fixOnSave = true;
	assert.deepEqual(guard.decide("save", "a.md", "x  ", s), { run: true });
	assert.deepEqual(guard.decide("leave", "a.md", "x  ", s), { run: false, reason: "fix on leave is off" });
	assert.equal(guard.decide("save", "a.canvas", "x", s).run, false);
	s.ignoredFolders = ["T"];
	assert.equal(guard.decide("save", "T/a.md", "x  ", s).run, false);
	assert.equal(guard.decide("save", "a.md", "---\nnotemend: false\n---\nx  ", s).run, false);
	let inner: ReturnType<AutoFixGuard["decide"]> | null = null;
	const out = guard.run("a.md", () => {
		inner = guard.decide("save", "a.md", "x  ", s);
		return "x\n";
	});
	assert.equal(out, "x\n");
	assert.deepEqual(inner, { run: false, reason: "already running" });
	assert.equal(guard.busy, false);
	assert.deepEqual(guard.decide("save", "a.md", "x\n", s), { run: false, reason: "already fixed" });
	assert.equal(guard.decide("save", "a.md", "x\ny  ", s).run, true, "new edits are fixed again");
	assert.throws(() => guard.run("b.md", () => {
		throw new Error("core failed");
	}));
	assert.equal(guard.busy, false, "a failure releases the guard");
});
