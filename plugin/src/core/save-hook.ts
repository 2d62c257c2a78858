// Fix on save needs a hook Obsidian does not offer: the save command
// (`editor:save-file`) is wrapped, the way the ecosystem does it, with
// monkey-around. Its uninstaller puts the original back only while our
// wrapper is still the outermost one; when another plugin wrapped the command
// after us, our wrapper stays in its chain and turns into a plain pass-through,
// so unloading Notemend never drops the other plugin's wrapper, and a wrapper
// another plugin restores later never fixes anything again.

import { around } from "monkey-around";

/** The two shapes the save command has had: `checkCallback`, and `callback` in older Obsidian. */
export interface SaveCommand {
	callback?: () => unknown;
	checkCallback?: (checking: boolean) => unknown;
}

export type SaveShape = "checkCallback" | "callback";

/**
 * Wraps the save command so that `beforeSave` runs just before a real save
 * (not when the palette only checks whether saving is possible), while
 * `isActive()` holds. An error in `beforeSave` never stops the save. Returns
 * the uninstaller and the shape wrapped, or null when the command has neither
 * shape.
 */
export function wrapSaveCommand(command: SaveCommand, beforeSave: () => void, isActive: () => boolean): { uninstall: () => void; shape: SaveShape } | null {
	const run = (): void => {
		if (!isActive()) return;
		try {
			beforeSave();
		} catch (error) {
			console.error("Notemend: fix on save failed; saving as it is", error);
		}
	};
	if (typeof command.checkCallback === "function") {
		const uninstall = around(command as Required<Pick<SaveCommand, "checkCallback">>, {
			checkCallback: (next) =>
				function (this: unknown, checking: boolean): unknown {
					if (!checking) run();
					return next.call(this, checking);
				},
		});
		return { uninstall, shape: "checkCallback" };
	}
	if (typeof command.callback === "function") {
		const uninstall = around(command as Required<Pick<SaveCommand, "callback">>, {
			callback: (next) =>
				function (this: unknown): unknown {
					run();
					return next.call(this);
				},
		});
		return { uninstall, shape: "callback" };
	}
	return null;
}
