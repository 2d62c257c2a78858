// Lints the plugin with the official Obsidian review rules. Run from the
// repository root (`npm run lint` does): the rules read manifest.json from
// the working directory.
import { defineConfig } from "eslint/config";
import obsidianmd from "eslint-plugin-obsidianmd";
import tseslint from "typescript-eslint";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig([
	{
		ignores: ["plugin/wasm/**", "plugin/node_modules/**", "plugin/build/**", "plugin/test-build/**", "plugin/*.mjs", "plugin/test/*.mjs"],
	},
	...obsidianmd.configs.recommended,
	{
		files: ["plugin/**/*.ts"],
		languageOptions: {
			parserOptions: {
				projectService: true,
				tsconfigRootDir: here,
			},
		},
		rules: {
			// The declarative settings API is Obsidian 1.13+; minAppVersion is 1.4.0.
			"obsidianmd/settings-tab/prefer-setting-definitions": "off",
		},
	},
	{
		// The manifest, with the official rule the review bot runs: TypeScript's
		// parser reads a .json file as one object expression, which the rule expects.
		files: ["manifest.json"],
		languageOptions: { parser: tseslint.parser },
		plugins: { obsidianmd },
		rules: { "obsidianmd/validate-manifest": "error" },
	},
	{
		// Tests drive Node and a browser stand-in of Obsidian, not Obsidian itself.
		files: ["plugin/test/**/*.ts"],
		rules: {
			"obsidianmd/no-nodejs-modules": "off",
			"obsidianmd/prefer-window-timers": "off",
			"obsidianmd/no-global-this": "off",
			"obsidianmd/prefer-create-el": "off",
			"obsidianmd/prefer-instanceof": "off",
			"obsidianmd/ui/sentence-case": "off",
			"import/no-nodejs-modules": "off",
			"obsidianmd/hardcoded-config-path": "off",
			"obsidianmd/rule-custom-message": "off",
			"no-console": "off",
			"no-undef": "off",
			// node:test's test() returns a promise the runner tracks itself.
			"@typescript-eslint/no-floating-promises": "off",
			"@typescript-eslint/unbound-method": "off",
		},
	},
]);
