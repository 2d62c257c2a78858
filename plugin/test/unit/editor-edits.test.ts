import assert from "node:assert/strict";
import { test } from "node:test";
import { offsetToPosIn, toEditorChanges } from "../../src/core/editor-edits";

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
