import assert from "node:assert/strict";
import { test } from "node:test";
import { defaultSettings, FIX_NAMES, FIXES, formatLines, mergeSettings, normalizeFolder, parseLines, withOnly } from "../../src/core/settings";

test("defaults: every fix on, automatic runs off, CLI-compatible keys", () => {
	const s = mergeSettings(null);
	assert.deepEqual(s, defaultSettings());
	assert.ok(FIX_NAMES.every((f) => s.fixes[f]));
	assert.equal(s.fixOnSave, false);
	assert.equal(s.fixOnLeave, false);
	assert.equal(s.vaultIndex, true, "single notes are judged with the vault index unless turned off");
	assert.deepEqual(Object.keys(s).sort(), [
		"dateFormat", "dateKeys", "dateOrder", "fixOnLeave", "fixOnSave", "fixes", "ignoredFolders", "knownPeople", "me", "peopleKeys", "runningTextDates", "tagsBeforeFields", "vaultIndex",
	]);
	assert.deepEqual(FIX_NAMES, ["mojibake", "duplicate-names", "dates", "tasks", "frontmatter", "whitespace"]);
	for (const f of FIXES) {
		assert.ok(f.description.length > 0 && f.example.before !== f.example.after, f.name);
	}
});

test("saved values are merged over the defaults; wrong types fall back", () => {
	const s = mergeSettings({
		fixes: { dates: false, whitespace: "yes", spelling: true },
		dateFormat: "DD.MM.YYYY",
		dateOrder: "sideways",
		knownPeople: ["Lior Genzel", 3, " ", " Ada "],
		ignoredFolders: ["./Templates/", "Archive\\Old", ""],
		me: " Lior ",
		fixOnSave: true,
		fixOnLeave: "true",
		vaultIndex: false,
		colour: "red",
	});
	assert.equal(s.fixes.dates, false);
	assert.equal(s.fixes.whitespace, true);
	assert.equal((s.fixes as Record<string, boolean>).spelling, undefined);
	assert.equal(s.dateFormat, "DD.MM.YYYY");
	assert.equal(s.dateOrder, "auto");
	assert.deepEqual(s.knownPeople, ["Lior Genzel", "Ada"]);
	assert.deepEqual(s.ignoredFolders, ["Templates", "Archive/Old"]);
	assert.equal(s.me, "Lior");
	assert.equal(s.fixOnSave, true);
	assert.equal(s.fixOnLeave, false);
	assert.equal(s.vaultIndex, false);
	assert.equal(mergeSettings({ vaultIndex: "no" }).vaultIndex, true, "a wrong type falls back");
	assert.equal((s as unknown as Record<string, unknown>).colour, undefined);
	assert.deepEqual(mergeSettings("nonsense"), defaultSettings());
	assert.deepEqual(mergeSettings([1, 2]), defaultSettings());
});

test("withOnly turns every other fix off and leaves the original alone", () => {
	const s = defaultSettings();
	const only = withOnly(s, ["mojibake"]);
	assert.deepEqual(Object.entries(only.fixes).filter(([, on]) => on).map(([n]) => n), ["mojibake"]);
	assert.ok(s.fixes.whitespace);
});

test("lists for the text areas", () => {
	assert.deepEqual(parseLines("a\n\n b \r\nc, d"), ["a", "b", "c", "d"]);
	assert.equal(formatLines(["a", "b"]), "a\nb");
	assert.equal(normalizeFolder("/Templates//"), "Templates");
});
