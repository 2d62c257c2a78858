// Vault clean-up: scan → plan → apply in batches (cancel between batches),
// with the originals of changed files kept, one folder per clean-up, for the
// clean-up history's undo.
// A file is written only if it still holds what was scanned; an undo restores
// a file only if it still holds what the clean-up wrote.

import { isIgnored, optsOut, ownerPlugin } from "./guard";
import { HeldVault } from "./prepared-vault";
import { changeContext } from "./preview";
import type { RunControl, VaultPort } from "./ports";
import { inFolder, isExcluded } from "./scope";
import type { NotemendSettings } from "./settings";
import { FIX_NAMES } from "./settings";
import type { Change, CorePort, Diagnostic, FixName, NoteFacts, VaultContext } from "./types";

export interface PlannedFile {
	path: string;
	original: string;
	text: string;
	changes: Change[];
	diagnostics: Diagnostic[];
}

export interface FixSummary {
	fix: FixName;
	files: number;
	changes: number;
	examples: { path: string; line: number; before: string; after: string; message: string; prefix: string; suffix: string }[];
}

export interface Plan {
	scanned: number;
	files: PlannedFile[];
	unchanged: number;
	/** The folder cleaned up, or null for the whole vault. */
	folder: string | null;
	ignored: string[];
	/** In Obsidian's "Excluded files". */
	excluded: string[];
	optedOut: string[];
	/** Notes other plugins own (Excalidraw drawings, Kanban boards…). */
	owned: { path: string; owner: string }[];
	failed: { path: string; error: string }[];
	diagnostics: number;
	byFix: FixSummary[];
	context: VaultContext;
	cancelled: boolean;
}

export interface ApplyResult {
	changed: string[];
	/** Edited (or deleted) between scan and apply: left alone. */
	skipped: { path: string; reason: string }[];
	failed: { path: string; error: string }[];
	/** Not reached because the run was cancelled. */
	notStarted: string[];
	cancelled: boolean;
	backupDir: string | null;
}

export interface UndoResult {
	restored: string[];
	skipped: { path: string; reason: string }[];
	failed: { path: string; error: string }[];
}

const DEFAULT_BATCH = 50;
const EXAMPLES = 3;

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

async function breathe(control: RunControl): Promise<void> {
	if (control.yieldToUi) await control.yieldToUi();
}

/** What a clean-up covers: a folder (default: the whole vault), less Obsidian's "Excluded files". */
export interface CleanupScope {
	folder?: string | null;
	/** Obsidian's `userIgnoreFilters`. */
	excluded?: readonly string[];
}

/**
 * Reads every markdown file in scope (not in an ignored folder or Obsidian's
 * excluded files, not opted out, not owned by another plugin), builds the
 * vault index, and plans each file's repair. The index is built from the
 * notes in scope.
 */
export async function scanVault(vault: VaultPort, core: CorePort, settings: NotemendSettings, control: RunControl = {}, scope: CleanupScope = {}): Promise<Plan> {
	const batch = control.batchSize ?? DEFAULT_BATCH;
	const plan: Plan = {
		scanned: 0,
		files: [],
		unchanged: 0,
		folder: scope.folder ?? null,
		ignored: [],
		excluded: [],
		optedOut: [],
		owned: [],
		failed: [],
		diagnostics: 0,
		byFix: [],
		context: { people: [], dateOrder: null },
		cancelled: false,
	};
	const paths = vault.markdownPaths().sort((a, b) => a.localeCompare(b));
	const candidates: string[] = [];
	for (const path of paths) {
		if (scope.folder && !inFolder(path, scope.folder)) continue;
		if (isIgnored(path, settings.ignoredFolders)) plan.ignored.push(path);
		else if (isExcluded(path, scope.excluded ?? [])) plan.excluded.push(path);
		else candidates.push(path);
	}
	// Two passes over the files (facts, then repairs): each stage counts each note once.
	let done = 0;
	const texts = new Map<string, string>();
	const facts: NoteFacts[] = [];
	for (let i = 0; i < candidates.length; i += batch) {
		if (control.isCancelled?.()) {
			plan.cancelled = true;
			return plan;
		}
		for (const path of candidates.slice(i, i + batch)) {
			try {
				const text = await vault.read(path);
				const owner = ownerPlugin(path, text);
				if (optsOut(text)) {
					plan.optedOut.push(path);
				} else if (owner) {
					plan.owned.push({ path, owner });
				} else {
					texts.set(path, text);
					facts.push(core.noteFacts(text, settings));
				}
			} catch (error) {
				plan.failed.push({ path, error: errorText(error) });
			}
			done += 1;
		}
		control.onProgress?.(done, candidates.length, "read");
		await breathe(control);
	}
	plan.context = core.vaultContext(facts);
	// Every note is repaired with this one context: handed to the core once
	// (see core/prepared-vault), not copied in again for each note, which
	// costs milliseconds a note at thousands of names. Freed when the scan ends.
	const held = new HeldVault(() => core);
	const entries = [...texts.entries()];
	done = 0;
	try {
		for (let i = 0; i < entries.length; i += batch) {
			if (control.isCancelled?.()) {
				plan.cancelled = true;
				return plan;
			}
			for (const [path, text] of entries.slice(i, i + batch)) {
				try {
					const outcome = core.normalize(text, settings, held.vaultFor(plan.context, []));
					plan.scanned += 1;
					plan.diagnostics += outcome.diagnostics.length;
					if (outcome.changed) {
						plan.files.push({ path, original: text, text: outcome.text, changes: outcome.changes, diagnostics: outcome.diagnostics });
					} else {
						plan.unchanged += 1;
					}
				} catch (error) {
					plan.failed.push({ path, error: errorText(error) });
				}
				done += 1;
			}
			control.onProgress?.(done, entries.length, "check");
			await breathe(control);
		}
	} finally {
		held.release();
	}
	control.onProgress?.(entries.length, entries.length, "check");
	plan.byFix = summarize(plan.files);
	return plan;
}

export function summarize(files: readonly PlannedFile[]): FixSummary[] {
	const byFix = new Map<FixName, FixSummary>();
	for (const file of files) {
		// Per fix: count every change, and take the most telling one of this file as an example.
		const best = new Map<FixName, Change>();
		for (const c of file.changes) {
			let s = byFix.get(c.fix);
			if (!s) {
				s = { fix: c.fix, files: 0, changes: 0, examples: [] };
				byFix.set(c.fix, s);
			}
			s.changes += 1;
			const prev = best.get(c.fix);
			if (!prev) s.files += 1;
			if (!prev || telling(c) > telling(prev)) best.set(c.fix, c);
		}
		for (const [fix, c] of best) {
			const s = byFix.get(fix);
			if (s && s.examples.length < EXAMPLES) {
				const { prefix, suffix } = changeContext(file.original, c, 24);
				s.examples.push({ path: file.path, line: c.line, before: c.before, after: c.after, message: c.message, prefix, suffix });
			}
		}
	}
	return FIX_NAMES.map((f) => byFix.get(f)).filter((s): s is FixSummary => s !== undefined);
}

/** How much a change shows in one line: visible characters changed. */
function telling(c: Change): number {
	return c.before.trim().length + c.after.trim().length;
}

/**
 * One clean-up's record, in its own folder under the plugin's `backups/`:
 * where the originals are (the batches), and what the run did. Version 1
 * (one folder, `last-cleanup`) had no scope and no results.
 */
interface BackupManifest {
	version: 1 | 2;
	createdAt: string;
	batches: string[];
	changed: string[];
	/** The folder cleaned up; null or absent: the whole vault. */
	folder?: string | null;
	finishedAt?: string;
	skipped?: { path: string; reason: string }[];
	failed?: { path: string; error: string }[];
	notStarted?: number;
	cancelled?: boolean;
}

/** A clean-up kept for undo, as the history lists it. */
export interface CleanupRecord {
	dir: string;
	createdAt: string;
	folder: string | null;
	changed: string[];
	skipped: { path: string; reason: string }[];
	failed: { path: string; error: string }[];
	notStarted: number;
	cancelled: boolean;
	/** False while it runs, or when it was interrupted (Obsidian closed). */
	finished: boolean;
}

/** How many clean-ups are kept for undo; older ones are forgotten when a new one is made. */
export const KEPT_CLEANUPS = 10;

interface BackupBatch {
	files: { path: string; original: string; written: string }[];
}

function join(dir: string, name: string): string {
	return `${dir.replace(/\/+$/, "")}/${name}`;
}

/** Where clean-ups keep their originals: the plugin's `backups/` folder, one folder per clean-up. */
export function backupRootOf(pluginDir: string): string {
	return join(pluginDir, "backups");
}

/** A new clean-up's folder, named after the time it starts (sortable, safe on every file system). */
export function backupDirFor(root: string, at: Date): string {
	return join(root, at.toISOString().replace(/[:.]/g, "-"));
}

async function writeManifest(vault: VaultPort, dir: string, manifest: BackupManifest): Promise<void> {
	await vault.data.write(join(dir, "manifest.json"), JSON.stringify(manifest));
}

/**
 * Writes the plan in batches with Vault.process, each file only if it still
 * holds what was scanned. Before each batch its originals go to the backup
 * folder, so an interrupted run can still be undone.
 */
export async function applyPlan(
	plan: Plan,
	vault: VaultPort,
	backupDir: string,
	control: RunControl = {},
	clock: () => Date = () => new Date(),
): Promise<ApplyResult> {
	const batch = control.batchSize ?? DEFAULT_BATCH;
	const result: ApplyResult = { changed: [], skipped: [], failed: [], notStarted: [], cancelled: false, backupDir: null };
	const total = plan.files.length;
	if (total === 0) return result;
	if (await vault.data.exists(backupDir)) await vault.data.rmdir(backupDir);
	await vault.data.mkdir(backupDir);
	const manifest: BackupManifest = { version: 2, createdAt: clock().toISOString(), folder: plan.folder, batches: [], changed: [] };
	await writeManifest(vault, backupDir, manifest);
	result.backupDir = backupDir;
	let done = 0;
	for (let i = 0; i < total; i += batch) {
		if (control.isCancelled?.()) {
			result.cancelled = true;
			result.notStarted = plan.files.slice(i).map((f) => f.path);
			break;
		}
		const files = plan.files.slice(i, i + batch);
		const name = `batch-${String(manifest.batches.length).padStart(5, "0")}.json`;
		const record: BackupBatch = { files: files.map((f) => ({ path: f.path, original: f.original, written: f.text })) };
		await vault.data.write(join(backupDir, name), JSON.stringify(record));
		manifest.batches.push(name);
		for (const file of files) {
			try {
				if (!vault.exists(file.path)) {
					result.skipped.push({ path: file.path, reason: "deleted since the scan" });
				} else {
					let wrote = false;
					await vault.process(file.path, (data) => {
						if (data !== file.original) return data;
						wrote = true;
						return file.text;
					});
					if (wrote) {
						result.changed.push(file.path);
						manifest.changed.push(file.path);
					} else {
						result.skipped.push({ path: file.path, reason: "edited since the scan" });
					}
				}
			} catch (error) {
				result.failed.push({ path: file.path, error: errorText(error) });
			}
			done += 1;
			control.onProgress?.(done, total, "write");
		}
		await writeManifest(vault, backupDir, manifest);
		await breathe(control);
	}
	Object.assign(manifest, {
		finishedAt: clock().toISOString(),
		skipped: result.skipped,
		failed: result.failed,
		notStarted: result.notStarted.length,
		cancelled: result.cancelled,
	});
	await writeManifest(vault, backupDir, manifest);
	if (manifest.changed.length === 0) {
		await vault.data.rmdir(backupDir);
		result.backupDir = null;
	}
	return result;
}

function recordOf(dir: string, m: BackupManifest): CleanupRecord {
	return {
		dir,
		createdAt: m.createdAt,
		folder: m.folder ?? null,
		changed: m.changed,
		skipped: m.skipped ?? [],
		failed: m.failed ?? [],
		notStarted: m.notStarted ?? 0,
		cancelled: m.cancelled ?? false,
		finished: m.version === 1 || m.finishedAt !== undefined,
	};
}

/** Every clean-up kept under `root`, newest first (the version-1 `last-cleanup` folder included). */
export async function listCleanups(vault: VaultPort, root: string): Promise<CleanupRecord[]> {
	const records: CleanupRecord[] = [];
	for (const dir of await vault.data.listFolders(root)) {
		const path = join(dir, "manifest.json");
		try {
			if (!(await vault.data.exists(path))) continue;
			const manifest = JSON.parse(await vault.data.read(path)) as BackupManifest;
			if (typeof manifest.createdAt !== "string" || !Array.isArray(manifest.changed)) continue;
			records.push(recordOf(dir, manifest));
		} catch {
			// An unreadable record is not offered for undo.
		}
	}
	return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Forgets the oldest clean-ups beyond `keep`; returns the folders removed. */
export async function pruneCleanups(vault: VaultPort, root: string, keep = KEPT_CLEANUPS): Promise<string[]> {
	const old = (await listCleanups(vault, root)).slice(keep);
	for (const record of old) await vault.data.rmdir(record.dir);
	return old.map((r) => r.dir);
}

/** Whether there is a clean-up to undo, and when it ran. */
export async function lastCleanup(vault: VaultPort, backupDir: string): Promise<{ createdAt: string; files: number } | null> {
	const path = join(backupDir, "manifest.json");
	if (!(await vault.data.exists(path))) return null;
	try {
		const manifest = JSON.parse(await vault.data.read(path)) as BackupManifest;
		return { createdAt: manifest.createdAt, files: manifest.changed.length };
	} catch {
		return null;
	}
}

/** Restores every file the last clean-up changed and nobody edited since; then forgets the backups. */
export async function undoCleanup(vault: VaultPort, backupDir: string, control: RunControl = {}): Promise<UndoResult | null> {
	const manifestPath = join(backupDir, "manifest.json");
	if (!(await vault.data.exists(manifestPath))) return null;
	const manifest = JSON.parse(await vault.data.read(manifestPath)) as BackupManifest;
	const changed = new Set(manifest.changed);
	const result: UndoResult = { restored: [], skipped: [], failed: [] };
	let done = 0;
	for (const name of manifest.batches) {
		const record = JSON.parse(await vault.data.read(join(backupDir, name))) as BackupBatch;
		for (const file of record.files) {
			if (!changed.has(file.path)) continue;
			try {
				if (!vault.exists(file.path)) {
					result.skipped.push({ path: file.path, reason: "deleted since the clean-up" });
				} else {
					let restored = false;
					await vault.process(file.path, (data) => {
						if (data !== file.written) return data;
						restored = true;
						return file.original;
					});
					if (restored) result.restored.push(file.path);
					else result.skipped.push({ path: file.path, reason: "edited since the clean-up" });
				}
			} catch (error) {
				result.failed.push({ path: file.path, error: errorText(error) });
			}
			done += 1;
		}
		control.onProgress?.(done, changed.size, "restore");
		await breathe(control);
	}
	if (result.failed.length === 0) await vault.data.rmdir(backupDir);
	return result;
}
