// manifest.json against the official review rule (eslint-plugin-obsidianmd's
// validate-manifest), through the same ESLint config `npm run lint` uses, and
// versions.json against the manifest.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ESLint } from "eslint";

const ROOT = path.resolve(__dirname, "../../..");
// As `npm run lint` runs it: the rules read manifest.json from the working directory.
process.chdir(ROOT);
const manifestText = fs.readFileSync(path.join(ROOT, "manifest.json"), "utf8");

async function lintManifest(text: string): Promise<string[]> {
	const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, "plugin", "eslint.config.mjs") });
	const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, "manifest.json") });
	return (result?.messages ?? []).map((m) => `${m.ruleId ?? "parse"}: ${m.message}`);
}

test("manifest.json passes the official manifest rule", async () => {
	assert.deepEqual(await lintManifest(manifestText), []);
});

test("the lint really checks the manifest: a description with a colon, or naming the app, fails", async () => {
	const manifest = JSON.parse(manifestText) as Record<string, unknown>;
	for (const description of ["Repairs damaged notes: mojibake and dates.", "Repairs damaged Obsidian notes.", "repairs notes."]) {
		const messages = await lintManifest(JSON.stringify({ ...manifest, description }, null, "\t"));
		assert.ok(messages.some((m) => m.startsWith("obsidianmd/validate-manifest")), `${description}: ${messages.join("; ")}`);
	}
});

test("versions.json maps the manifest's version to its minAppVersion", () => {
	const manifest = JSON.parse(manifestText) as { version: string; minAppVersion: string };
	const versions = JSON.parse(fs.readFileSync(path.join(ROOT, "versions.json"), "utf8")) as Record<string, string>;
	assert.equal(versions[manifest.version], manifest.minAppVersion);
});

test("the release workflow builds from source and attaches main.js, manifest.json and styles.css", () => {
	const workflow = fs.readFileSync(path.join(ROOT, ".github", "workflows", "release.yml"), "utf8");
	assert.match(workflow, /bash scripts\/build-plugin\.sh/);
	assert.match(workflow, /gh release create[^\n]*(?:\\\n[^\n]*)*main\.js manifest\.json styles\.css/);
	assert.match(workflow, /tags:/);
});
