import assert from "node:assert/strict";
import { test } from "node:test";
import { mapCursor, offsetToPosIn, toEditorChanges } from "../../src/core/editor-edits";

test("UTF-16 offsets become line/ch positions, astral characters count two", () => {
	const text = "📅 due\nline two  \n";
	assert.deepEqual(offsetToPosIn(text, 0), { line: 0, ch: 0 });
	assert.deepEqual(offsetToPosIn(text, 3), { line: 0, ch: 3 });
	assert.deepEqual(offsetToPosIn(text, 7), { line: 1, ch: 0 });
	const changes = toEditorChanges([{ from: 15, to: 17, insert: "" }, { from: 2, to: 3, insert: "" }], (o) => offsetToPosIn(text, o));
	assert.deepEqual(changes, [
		{ from: { line: 0, ch: 2 }, to: { line: 0, ch: 3 }, text: "" },
		{ from: { line: 1, ch: 8 }, to: { line: 1, ch: 10 }, text: "" },
	]);
});

test("a base offset shifts edits of a selection", () => {
	const text = "abc\ndef";
	assert.deepEqual(toEditorChanges([{ from: 0, to: 1, insert: "X" }], (o) => offsetToPosIn(text, o), 5), [
		{ from: { line: 1, ch: 1 }, to: { line: 1, ch: 2 }, text: "X" },
	]);
});

test("mapCursor: a cursor at a line start keeps to its line when a line break is inserted there; elsewhere as CodeMirror maps it", () => {
	const text = "para\n# Heading\ntext";
	const edits = [
		{ from: 5, to: 5, insert: "\n" },
		{ from: 15, to: 15, insert: "\n" },
		{ from: 19, to: 19, insert: "\n" },
	];
	// After: "para\n\n# Heading\n\ntext\n"
	assert.equal(mapCursor(text, edits, 5), 6, "heading start stays on the heading");
	assert.equal(mapCursor(text, edits, 15), 17, "line start after the heading stays on its line");
	assert.equal(mapCursor(text, edits, 19), 21, "end of the note stays before the final newline added");
	assert.equal(mapCursor(text, edits, 2), 2, "before every edit");
	assert.equal(mapCursor(text, edits, 8), 9, "mid-line, after one insertion");
	const spaces = "a  \nb";
	const trim = [{ from: 1, to: 3, insert: "" }];
	assert.equal(mapCursor(spaces, trim, 2), 1, "inside a deletion: to its start");
	assert.equal(mapCursor(spaces, trim, 3), 1, "right after a deletion: follows it");
	assert.equal(mapCursor(spaces, trim, 1), 1, "right before a deletion: stays");
	assert.equal(mapCursor("x📅2025", [{ from: 3, to: 3, insert: " " }], 3), 3, "mid-line insertion at the cursor: stays before, as CodeMirror does");
});
