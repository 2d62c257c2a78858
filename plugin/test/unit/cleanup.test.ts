import assert from "node:assert/strict";
import { test } from "node:test";
import { KEPT_CLEANUPS, applyPlan, backupDirFor, backupRootOf, lastCleanup, listCleanups, pruneCleanups, scanVault, undoCleanup } from "../../src/core/cleanup";
import { defaultSettings } from "../../src/core/settings";
import { FakeCore, MemoryVault } from "./fakes";

const ROOT = backupRootOf(".obsidian/plugins/notemend");
const BACKUPS = backupDirFor(ROOT, new Date("2026-01-02T03:04:05Z"));

function vault(): MemoryVault {
	return new MemoryVault({
		"a.md": "@ada wrote  \nthis\n",
		"b.md": "clean\n",
		"c.md": "trailing \n",
		"Templates/t.md": "template  \n",
		"opt.md": "---\nnotemend: false\n---\nraw  \n",
		"bad.md": "FAIL  \n",
		"image.png": "binary  ",
	});
}

test("scan: ignored folders, opt-outs, failures, the vault index, a summary per fix", async () => {
	const v = vault();
	const core = new FakeCore();
	core.failOn = "FAIL";
	const settings = { ...defaultSettings(), ignoredFolders: ["Templates"] };
	const progress: [number, number, string][] = [];
	let yields = 0;
	const plan = await scanVault(v, core, settings, {
		batchSize: 2,
		onProgress: (done, total, stage) => progress.push([done, total, stage]),
		yieldToUi: async () => {
			yields += 1;
		},
	});
	assert.deepEqual(plan.files.map((f) => f.path), ["a.md", "c.md"]);
	assert.deepEqual(plan.ignored, ["Templates/t.md"]);
	assert.deepEqual(plan.optedOut, ["opt.md"]);
	assert.deepEqual(plan.failed.map((f) => f.path), ["bad.md"]);
	assert.equal(plan.unchanged, 1);
	assert.equal(plan.scanned, 3);
	assert.deepEqual(plan.context.people, ["ada"]);
	assert.deepEqual(core.lastVault?.people, ["ada"], "normalize gets the vault index");
	assert.equal(plan.byFix.length, 1);
	assert.deepEqual({ ...plan.byFix[0], examples: plan.byFix[0]?.examples.length }, { fix: "whitespace", files: 2, changes: 2, examples: 2 });
	assert.ok(yields >= 4, `yields between batches (${yields})`);
	// Each stage counts each note once: the 5 notes in scope read, then the 4 kept (one opts out) checked.
	const read = progress.filter(([, , stage]) => stage === "read");
	const check = progress.filter(([, , stage]) => stage === "check");
	assert.deepEqual(read.map(([done, total]) => `${done}/${total}`), ["2/5", "4/5", "5/5"]);
	assert.ok(check.every(([done, total]) => total === 4 && done <= 4), JSON.stringify(check));
	assert.deepEqual(check.at(-1), [4, 4, "check"]);
	assert.deepEqual(progress.map(([, , stage]) => stage), [...read, ...check].map(([, , stage]) => stage), "reading, then checking");
	assert.equal(v.processCalls, 0, "a scan writes nothing");
});

test("scan can be cancelled between batches", async () => {
	let batches = 0;
	const plan = await scanVault(vault(), new FakeCore(), defaultSettings(), { batchSize: 1, isCancelled: () => batches++ >= 2 });
	assert.equal(plan.cancelled, true);
	assert.equal(plan.files.length, 0);
});

test("scan: the vault index is prepared in the core once for every note, and freed when the scan ends or is cancelled", async () => {
	const core = new FakeCore();
	await scanVault(vault(), core, defaultSettings(), { batchSize: 2 });
	assert.equal(core.prepared.length, 1);
	assert.ok(core.calls >= 5, `every note repaired with it (${core.calls})`);
	assert.equal(core.prepared[0]?.freed, true);

	const cancelled = new FakeCore();
	const plan = await scanVault(vault(), cancelled, defaultSettings(), { batchSize: 1, isCancelled: () => cancelled.calls >= 2 });
	assert.equal(plan.cancelled, true);
	assert.equal(cancelled.prepared.length, 1);
	assert.equal(cancelled.prepared[0]?.freed, true, "cancelled while checking: freed too");
});

test("apply writes only files that still hold what was scanned, keeps backups, and undo restores", async () => {
	const v = vault();
	const settings = defaultSettings();
	const plan = await scanVault(v, new FakeCore(), settings);
	assert.deepEqual(plan.files.map((f) => f.path), ["a.md", "bad.md", "c.md", "Templates/t.md"]);
	// Edited between scan and apply: left alone and reported; deleted: reported.
	v.files.set("c.md", "edited by hand  \n");
	v.files.delete("bad.md");
	const result = await applyPlan(plan, v, BACKUPS, {}, () => new Date("2026-01-02T03:04:05Z"));
	assert.deepEqual(result.changed, ["a.md", "Templates/t.md"]);
	assert.deepEqual(result.skipped, [
		{ path: "bad.md", reason: "deleted since the scan" },
		{ path: "c.md", reason: "edited since the scan" },
	]);
	assert.equal(v.files.get("a.md"), "@ada wrote\nthis\n");
	assert.equal(v.files.get("c.md"), "edited by hand  \n");
	// The backup batch is written before the first file of the batch.
	const firstWrite = v.log.findIndex((l) => l.startsWith("write") && l.includes("batch-00000"));
	const firstProcess = v.log.findIndex((l) => l.startsWith("process"));
	assert.ok(firstWrite >= 0 && firstWrite < firstProcess, v.log.join("\n"));
	assert.deepEqual(await lastCleanup(v, BACKUPS), { createdAt: "2026-01-02T03:04:05.000Z", files: 2 });

	// The user edits a.md after the clean-up: undo leaves it and restores the rest.
	v.files.set("a.md", "@ada wrote\nthis\nmore\n");
	const undo = await undoCleanup(v, BACKUPS);
	assert.ok(undo);
	assert.deepEqual(undo.restored, ["Templates/t.md"]);
	assert.deepEqual(undo.skipped, [{ path: "a.md", reason: "edited since the clean-up" }]);
	assert.equal(v.files.get("Templates/t.md"), "template  \n");
	assert.equal(v.files.get("a.md"), "@ada wrote\nthis\nmore\n");
	assert.equal(await undoCleanup(v, BACKUPS), null, "nothing left to undo");
	assert.equal(await lastCleanup(v, BACKUPS), null);
});

test("apply can be cancelled between batches; what was not reached stays as it was and undo still works", async () => {
	const files: Record<string, string> = {};
	for (let i = 0; i < 10; i++) files[`n${i}.md`] = `note ${i}  \n`;
	const v = new MemoryVault(files);
	const plan = await scanVault(v, new FakeCore(), defaultSettings());
	let batches = 0;
	const result = await applyPlan(plan, v, BACKUPS, { batchSize: 3, isCancelled: () => batches++ >= 2 });
	assert.equal(result.cancelled, true);
	assert.equal(result.changed.length, 6);
	assert.equal(result.notStarted.length, 4);
	for (const p of result.notStarted) assert.equal(v.files.get(p), files[p]);
	const undo = await undoCleanup(v, BACKUPS);
	assert.equal(undo?.restored.length, 6);
	for (const [p, text] of Object.entries(files)) assert.equal(v.files.get(p), text);
});

test("a plan with nothing to change writes nothing, not even backups", async () => {
	const v = new MemoryVault({ "a.md": "clean\n" });
	const plan = await scanVault(v, new FakeCore(), defaultSettings());
	const result = await applyPlan(plan, v, BACKUPS);
	assert.deepEqual(result, { changed: [], skipped: [], failed: [], notStarted: [], cancelled: false, backupDir: null });
	assert.equal(v.dataFiles.size, 0);
});

test("10,000 notes: scan and apply hand control back between batches", async () => {
	const files: Record<string, string> = {};
	for (let i = 0; i < 10000; i++) files[`notes/${i}.md`] = i % 3 === 0 ? `note ${i}  \n` : `note ${i}\n`;
	const v = new MemoryVault(files);
	// Responsiveness is measured in the Chromium run; here, that the work
	// really is cut into batches that hand control back.
	let yields = 0;
	const yieldToUi = async (): Promise<void> => {
		yields++;
		await new Promise((r) => setImmediate(r));
	};
	const plan = await scanVault(v, new FakeCore(), defaultSettings(), { yieldToUi });
	assert.equal(plan.files.length, 3334);
	const result = await applyPlan(plan, v, BACKUPS, { yieldToUi });
	assert.equal(result.changed.length, 3334);
	assert.ok(yields >= 20, `only ${yields} yields for 10,000 notes`);
});

test("several clean-ups are kept, listed newest first with their scope and results; the oldest beyond the limit are forgotten", async () => {
	const v = new MemoryVault({ "P/a.md": "a  \n", "Q/b.md": "b  \n", "Q/c.md": "c  \n" });
	const settings = defaultSettings();
	const first = await scanVault(v, new FakeCore(), settings, {}, { folder: "P" });
	await applyPlan(first, v, backupDirFor(ROOT, new Date("2026-01-01T10:00:00Z")), {}, () => new Date("2026-01-01T10:00:00Z"));
	const second = await scanVault(v, new FakeCore(), settings);
	v.files.set("Q/c.md", "edited  \n");
	await applyPlan(second, v, backupDirFor(ROOT, new Date("2026-01-02T10:00:00Z")), {}, () => new Date("2026-01-02T10:00:00Z"));
	const list = await listCleanups(v, ROOT);
	assert.deepEqual(
		list.map((r) => ({ createdAt: r.createdAt, folder: r.folder, changed: r.changed, skipped: r.skipped, finished: r.finished })),
		[
			{ createdAt: "2026-01-02T10:00:00.000Z", folder: null, changed: ["Q/b.md"], skipped: [{ path: "Q/c.md", reason: "edited since the scan" }], finished: true },
			{ createdAt: "2026-01-01T10:00:00.000Z", folder: "P", changed: ["P/a.md"], skipped: [], finished: true },
		],
	);
	// Each one is undone on its own: the older first.
	const undone = await undoCleanup(v, list[1]?.dir ?? "");
	assert.deepEqual(undone?.restored, ["P/a.md"]);
	assert.equal(v.files.get("P/a.md"), "a  \n");
	assert.equal(v.files.get("Q/b.md"), "b\n", "the newer clean-up stays applied");
	assert.deepEqual((await listCleanups(v, ROOT)).map((r) => r.folder), [null]);

	for (let i = 0; i < KEPT_CLEANUPS + 2; i++) {
		const dir = backupDirFor(ROOT, new Date(Date.UTC(2026, 1, 1 + i)));
		await v.data.mkdir(dir);
		await v.data.write(`${dir}/manifest.json`, JSON.stringify({ version: 2, createdAt: new Date(Date.UTC(2026, 1, 1 + i)).toISOString(), batches: [], changed: [] }));
	}
	const removed = await pruneCleanups(v, ROOT);
	assert.equal(removed.length, 3, "13 kept before, 10 after");
	assert.equal((await listCleanups(v, ROOT)).length, KEPT_CLEANUPS);
	assert.ok(!removed.some((d) => d.includes("2026-02-12")), "the newest are kept");
});
