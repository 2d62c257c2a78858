import assert from "node:assert/strict";
import { test } from "node:test";
import type { SaveCommand } from "../../src/core/save-hook";
import { wrapSaveCommand } from "../../src/core/save-hook";

/** Obsidian's save command in either shape; `saves` counts real saves. */
function saveCommand(shape: "checkCallback" | "callback"): SaveCommand & { saves: number } {
	const command: SaveCommand & { saves: number } = { saves: 0 };
	if (shape === "checkCallback") {
		command.checkCallback = (checking: boolean) => {
			if (!checking) command.saves += 1;
			return true;
		};
	} else {
		command.callback = () => {
			command.saves += 1;
		};
	}
	return command;
}

function save(command: SaveCommand): void {
	if (command.checkCallback) {
		if (command.checkCallback(true) !== false) command.checkCallback(false);
	} else {
		command.callback?.();
	}
}

/** Another plugin wrapping the save command the naive way: it captures what is there and puts it back on unload. */
function naiveWrapper(command: SaveCommand, log: string[]): () => void {
	const check = command.checkCallback;
	if (check) {
		command.checkCallback = (checking: boolean) => {
			if (!checking) log.push("other");
			return check(checking);
		};
		return () => {
			command.checkCallback = check;
		};
	}
	const plain = command.callback;
	command.callback = () => {
		log.push("other");
		return plain?.();
	};
	return () => {
		command.callback = plain;
	};
}

for (const shape of ["checkCallback", "callback"] as const) {
	test(`save hook (${shape}): runs before a real save only, never blocks it, and unhooks`, () => {
		const command = saveCommand(shape);
		const original = command[shape];
		const log: string[] = [];
		let active = true;
		const hook = wrapSaveCommand(command, () => log.push("fix"), () => active);
		assert.equal(hook?.shape, shape);
		assert.notEqual(command[shape], original);
		save(command);
		assert.deepEqual(log, ["fix"], "once per save, not for the palette's check");
		assert.equal(command.saves, 1);
		const failing = wrapSaveCommand(command, () => {
			throw new Error("boom");
		}, () => true);
		const error = console.error;
		console.error = () => {};
		try {
			save(command);
		} finally {
			console.error = error;
		}
		assert.equal(command.saves, 2, "a failing fix still saves");
		failing?.uninstall();
		active = false;
		save(command);
		assert.deepEqual(log, ["fix", "fix"], "inactive: nothing runs");
		hook?.uninstall();
		assert.equal(command[shape], original, "the original is back");
	});

	test(`save hook (${shape}): another plugin wrapping after us keeps its wrapper when we unload, and ours never runs again`, () => {
		const command = saveCommand(shape);
		const original = command[shape];
		const log: string[] = [];
		let active = true;
		const hook = wrapSaveCommand(command, () => log.push("fix"), () => active);
		const unloadOther = naiveWrapper(command, log);
		const others = command[shape];
		save(command);
		assert.deepEqual(log, ["other", "fix"]);
		// Notemend is disabled.
		active = false;
		hook?.uninstall();
		assert.equal(command[shape], others, "the other plugin's wrapper is still in place");
		save(command);
		assert.deepEqual(log, ["other", "fix", "other"]);
		// The other plugin unloads and restores what it captured: our wrapper, now a pass-through.
		unloadOther();
		save(command);
		assert.deepEqual(log, ["other", "fix", "other"], "a disabled Notemend fixes nothing");
		assert.equal(command.saves, 3, "every save still saved");
		assert.equal(command[shape], original, "our stale wrapper steps aside on its first call");
	});

	test(`save hook (${shape}): another plugin wrapping before us is what unloading leaves`, () => {
		const command = saveCommand(shape);
		const original = command[shape];
		const log: string[] = [];
		const unloadOther = naiveWrapper(command, log);
		const others = command[shape];
		const hook = wrapSaveCommand(command, () => log.push("fix"), () => true);
		save(command);
		assert.deepEqual(log, ["fix", "other"]);
		hook?.uninstall();
		assert.equal(command[shape], others);
		unloadOther();
		assert.equal(command[shape], original);
	});
}

test("save hook: a command with neither shape is left alone", () => {
	const command: SaveCommand = {};
	assert.equal(wrapSaveCommand(command, () => {}, () => true), null);
	assert.deepEqual(Object.keys(command), []);
});
