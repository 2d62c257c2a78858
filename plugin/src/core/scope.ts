// What a clean-up covers: not the files the user excluded in Obsidian
// (Settings → Files and links → Excluded files), and, for a folder clean-up,
// only that folder. (Notes other plugins own: ownerPlugin in ./guard.)

import { normalizeFolder } from "./settings";

/**
 * Obsidian's "Excluded files" (`userIgnoreFilters` in the vault's config):
 * an entry written `/…/` is a regular expression tested against the path;
 * any other entry excludes every path that starts with it, as Obsidian does.
 */
export function isExcluded(path: string, filters: readonly string[]): boolean {
	return filters.some((filter) => {
		if (filter.length > 2 && filter.startsWith("/") && filter.endsWith("/")) {
			try {
				return new RegExp(filter.slice(1, -1)).test(path);
			} catch {
				return false;
			}
		}
		return filter !== "" && path.startsWith(filter);
	});
}

/** Whether `path` lies in `folder` ("" or "/": the whole vault). */
export function inFolder(path: string, folder: string): boolean {
	const f = normalizeFolder(folder);
	return f === "" || path.startsWith(`${f}/`);
}
