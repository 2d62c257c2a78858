import assert from "node:assert/strict";
import { test } from "node:test";
import { applyPreview, autoFixInEditor, autoFixText, describeChanges, fixMojibakeInSelection, normalizeNote, previewNote, reportMessage } from "../../src/core/actions";
import { AutoFixGuard } from "../../src/core/guard";
import { defaultSettings } from "../../src/core/settings";
import { FakeCore, FakeEditor } from "./fakes";

test("normalize current note: one transaction; opt-out and ignored folders respected", () => {
	const core = new FakeCore();
	const s = defaultSettings();
	const ed = new FakeEditor("a  \nb \n");
	const report = normalizeNote(ed, core, s, "n.md");
	assert.equal(report.kind, "changed");
	assert.equal(ed.text, "a\nb\n");
	assert.equal(ed.transactions.length, 1);
	assert.equal(reportMessage(report), "Notemend: 2 changes (Whitespace 2).");
	assert.equal(normalizeNote(ed, core, s, "n.md").kind, "unchanged");
	assert.equal(ed.transactions.length, 1, "nothing to do: no transaction");
	const opt = new FakeEditor("---\nnotemend: false\n---\nx  \n");
	assert.equal(normalizeNote(opt, core, s, "n.md").kind, "opted-out");
	assert.equal(opt.transactions.length, 0);
	const ign = new FakeEditor("x  \n");
	assert.equal(normalizeNote(ign, core, { ...s, ignoredFolders: ["T"] }, "T/n.md").kind, "ignored");
});

test("preview: apply ticked, apply all, and a stale preview applies nothing", () => {
	const core = new FakeCore();
	const ed = new FakeEditor("a  \nb \nc\t\n");
	const model = previewNote(ed, core, defaultSettings());
	assert.equal(model.items.length, 3);
	const second = model.items[1];
	assert.ok(second);
	second.checked = false;
	assert.equal(applyPreview(ed, model, false).kind, "changed");
	assert.equal(ed.text, "a\nb \nc\n");
	assert.equal(applyPreview(ed, model, true).kind, "stale", "the note changed since the preview");
	const again = previewNote(ed, core, defaultSettings());
	applyPreview(ed, again, true);
	assert.equal(ed.text, "a\nb\nc\n");
	assert.equal(ed.transactions.length, 2);
});

test("fix mojibake in selection: only that fix, only inside the selection", () => {
	const calls: object[] = [];
	const core = new FakeCore();
	const original = core.normalize.bind(core);
	core.normalize = (text, settings, vault) => {
		calls.push(settings);
		return original(text, settings, vault);
	};
	const ed = new FakeEditor("keep  \nfix  \nkeep  \n", { from: 7, to: 13 });
	const report = fixMojibakeInSelection(ed, core, defaultSettings());
	assert.equal(report.kind, "changed");
	assert.equal(ed.text, "keep  \nfix\nkeep  \n");
	assert.equal(ed.transactions[0]?.base, 7);
	const fixes = (calls[0] as { fixes: Record<string, boolean> }).fixes;
	assert.deepEqual(Object.entries(fixes).filter(([, on]) => on).map(([n]) => n), ["mojibake"]);
	assert.equal(fixMojibakeInSelection(new FakeEditor("x", { from: 1, to: 1 }), core, defaultSettings()).kind, "empty-selection");
});

test("auto-fix never loops and never runs when off", () => {
	const core = new FakeCore();
	const guard = new AutoFixGuard();
	const s = defaultSettings();
	const ed = new FakeEditor("a  \n");
	assert.equal(autoFixInEditor("save", "n.md", ed, core, s, guard), false);
	s.fixOnSave = true;
	assert.equal(autoFixInEditor("save", "n.md", ed, core, s, guard), true);
	assert.equal(ed.text, "a\n");
	const before = core.calls;
	assert.equal(autoFixInEditor("save", "n.md", ed, core, s, guard), false);
	assert.equal(core.calls, before, "its own output is not even normalised again");
	s.fixOnLeave = true;
	assert.equal(autoFixText("leave", "m.md", "b \n", core, s, guard), "b\n");
	assert.equal(autoFixText("leave", "m.md", "---\nnotemend: false\n---\nb \n", core, s, guard), "---\nnotemend: false\n---\nb \n");
	assert.equal(describeChanges([]), "0 changes ()");
});
