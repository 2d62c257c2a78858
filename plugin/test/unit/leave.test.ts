import assert from "node:assert/strict";
import { test } from "node:test";
import { LeaveTracker, changedSinceOpened } from "../../src/core/leave";

test("leave: only another note opened counts, and only an edited note is handed back", () => {
	const t = new LeaveTracker();
	assert.equal(t.opened("A.md", "a"), null, "nothing was open before");
	assert.equal(t.opened("B.md", "b"), null, "A was only read");
	t.edited("B.md");
	assert.equal(t.opened(null, null), null, "a graph or an empty tab is not leaving");
	assert.equal(t.opened("Drawing.pdf", null), null, "nor is a PDF");
	assert.equal(t.opened("B.md", "b2"), null, "B again: still the same note");
	assert.deepEqual(t.opened("C.md", "c"), { path: "B.md", openedText: "b" }, "B was edited, then C opened");
	t.edited("B.md");
	assert.equal(t.opened("D.md", "d"), null, "an edit to a note no longer open does not count for the next one");
	t.edited("D.md");
	t.renamed("D.md", "Dee.md");
	assert.equal(t.openNote, "Dee.md");
	assert.deepEqual(t.opened("A.md", "a"), { path: "Dee.md", openedText: "d" });
});

test("leave: an edit undone is no edit; unknown opening text counts as edited", () => {
	assert.equal(changedSinceOpened({ path: "A.md", openedText: "a" }, "a"), false);
	assert.equal(changedSinceOpened({ path: "A.md", openedText: "a" }, "ab"), true);
	assert.equal(changedSinceOpened({ path: "A.md", openedText: null }, "a"), true);
});
