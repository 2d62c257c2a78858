import assert from "node:assert/strict";
import { test } from "node:test";
import { buildPreview, previewResult, selectedEdits, visible } from "../../src/core/preview";
import type { Outcome } from "../../src/core/types";
import { applyEdits } from "../../src/core/types";
import { FakeCore } from "./fakes";

test("one item per independent change; ticked items give exactly their part", () => {
	const text = "a  \nb\t\nc \n";
	const outcome = new FakeCore().normalize(text, {});
	const model = buildPreview(text, outcome);
	assert.equal(model.items.length, 3);
	assert.equal(previewResult(model, true), "a\nb\nc\n");
	const [first, second] = model.items;
	assert.ok(first && second);
	first.checked = false;
	assert.equal(previewResult(model), "a  \nb\nc\n");
	second.checked = false;
	assert.equal(previewResult(model), "a  \nb\t\nc\n");
	assert.equal(selectedEdits(model).length, 1);
});

test("changes of two fixes on the same words form one item with the composed edit", () => {
	const source = "Itâ€™s  \n";
	const outcome: Outcome = {
		text: "It’s\n",
		changed: true,
		changes: [
			{ fix: "mojibake", from: 2, to: 5, line: 1, before: "â€™", after: "’", message: "mojibake repaired" },
			{ fix: "whitespace", from: 6, to: 8, line: 1, before: "  ", after: "", message: "trailing whitespace removed" },
			{ fix: "dates", from: 4, to: 7, line: 1, before: "x", after: "y", message: "overlaps both" },
		],
		edits: [{ from: 2, to: 8, insert: "’s" }],
		diagnostics: [{ fix: "dates", line: 1, message: "ambiguous" }],
		warnings: [],
	};
	const model = buildPreview(source, outcome);
	assert.equal(model.items.length, 1);
	assert.equal(model.items[0]?.changes.length, 3);
	assert.equal(previewResult(model, true), "It’s\n");
	assert.equal(model.diagnostics.length, 1);
});

test("an insertion touching a replaced range joins it", () => {
	const source = "abc";
	const outcome: Outcome = {
		text: "aXc\n",
		changed: true,
		changes: [
			{ fix: "mojibake", from: 1, to: 2, line: 1, before: "b", after: "X", message: "m" },
			{ fix: "whitespace", from: 3, to: 3, line: 1, before: "", after: "\n", message: "final newline" },
		],
		edits: [
			{ from: 1, to: 2, insert: "X" },
			{ from: 3, to: 3, insert: "\n" },
		],
		diagnostics: [],
		warnings: [],
	};
	const model = buildPreview(source, outcome);
	assert.equal(model.items.length, 2);
	assert.equal(applyEdits(source, selectedEdits(model)), "aXc\n");
});

test("visible shows spaces, tabs and line breaks", () => {
	assert.equal(visible("a \t\n"), "a →⏎");
	assert.equal(visible("  two words  "), "··two words··");
	assert.equal(visible("   "), "···");
	assert.equal(visible("x \r\n"), "x ↵⏎");
	assert.equal(visible("x".repeat(10), 5), "xxxx…");
});

test("context around a change stays on its line and is cut with an ellipsis", async () => {
	const { changeContext } = await import("../../src/core/preview");
	assert.deepEqual(changeContext("one\ntwo  \nthree", { from: 7, to: 9 }), { prefix: "two", suffix: "" });
	assert.deepEqual(changeContext("abcdefghij", { from: 5, to: 6 }, 2), { prefix: "…de", suffix: "gh…" });
	assert.deepEqual(changeContext("x", { from: 0, to: 0 }), { prefix: "", suffix: "x" });
});

test("messages: `code` spans are split out", async () => {
	const { messageParts } = await import("../../src/core/preview");
	assert.deepEqual(messageParts("date `16.09.2025` written as `2025-09-16`."), [
		{ text: "date ", code: false },
		{ text: "16.09.2025", code: true },
		{ text: " written as ", code: false },
		{ text: "2025-09-16", code: true },
		{ text: ".", code: false },
	]);
	assert.deepEqual(messageParts("plain"), [{ text: "plain", code: false }]);
	assert.deepEqual(messageParts("odd ` tick"), [{ text: "odd ` tick", code: false }]);
});
