// The small adapter the logic modules see instead of the Obsidian API
// (src/obsidian-adapter.ts implements it; tests use an in-memory one).

export interface VaultPort {
	/** Vault-relative paths of every markdown file. */
	markdownPaths(): string[];
	/** The file's current text (cachedRead). */
	read(path: string): Promise<string>;
	/** Vault.process: atomically read, transform and write one file. */
	process(path: string, transform: (data: string) => string): Promise<string>;
	/** Whether a file still exists. */
	exists(path: string): boolean;
	/** Plugin data files (adapter): read, write, exists, mkdir, remove a folder with its content. */
	data: {
		read(path: string): Promise<string>;
		write(path: string, data: string): Promise<void>;
		exists(path: string): Promise<boolean>;
		mkdir(path: string): Promise<void>;
		rmdir(path: string): Promise<void>;
		/** The folders directly inside `path` (full paths); none when it does not exist. */
		listFolders(path: string): Promise<string[]>;
	};
}

export type Stage = "read" | "check" | "write" | "restore";

/** Work control for long runs: progress, cancel and a way to let the UI breathe. */
export interface RunControl {
	/**
	 * `done` of `total` notes in the current stage: each stage counts each
	 * note once (a scan reads every note, then checks the ones it kept).
	 */
	onProgress?: (done: number, total: number, stage: Stage) => void;
	isCancelled?: () => boolean;
	/** Awaited between batches; the plugin passes a zero-delay timeout. */
	yieldToUi?: () => Promise<void>;
	batchSize?: number;
}
