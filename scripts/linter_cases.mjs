// Extracts Obsidian Linter's rule test cases (the `before` and `after`
// texts of every `ruleTest` case in its `__tests__` folder) and the note
// pairs of its test vault into one JSON file, for tests/linter_cases.rs.
// The texts are Markdown the Linter's authors wrote to probe edge cases
// (YAML, code, math, callouts, tables); Notemend must read them as they are.
//
// Usage, from the repository root, with a checkout of obsidian-linter:
//   node scripts/linter_cases.mjs <linter-checkout> > tests/data/linter/cases.json
// Needs esbuild (the plugin's dev dependency) to read TypeScript.

import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import {createRequire} from 'node:module';

const require = createRequire(new URL('../plugin/package.json', import.meta.url));
const esbuild = require('esbuild');
const root = process.argv[2];

// Template-literal dedent as the Linter's tests use it: the common leading
// indentation of the literal's lines goes, then a first empty line and a
// last blank line; interpolations are inserted after.
function dedent(strings, ...values) {
  const raw = typeof strings === 'string' ? [strings] : strings.raw;
  const lines = raw.join('\u0000').split('\n');
  const indents = lines
      .filter((l) => l.trim() !== '' && !/^\s*\u0000\s*$/.test(l))
      .map((l) => l.match(/^[ \t]*/)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  let text = lines.map((l) => l.slice(Math.min(cut, l.match(/^[ \t]*/)[0].length))).join('\n');
  text = text.replace(/^\n/, '').replace(/\n[ \t]*$/, '');
  // Escapes are read after the indentation is cut, as the raw text
  // measured it (`\t- item` is a tab-indented item).
  const parts = text.split('\u0000').map(cook);
  let out = parts[0];
  for (let i = 1; i < parts.length; i++) out += String(values[i - 1]) + parts[i];
  return out;
}

const ESCAPES = {t: '\t', n: '\n', r: '\r', v: '\v', f: '\f', b: '\b', 0: '\0'};
function cook(raw) {
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/gs, (_, e) => {
    if (e[0] === 'u' || e[0] === 'x') {
      return String.fromCodePoint(parseInt(e.replace(/[ux{}]/g, ''), 16));
    }
    return ESCAPES[e] ?? e;
  });
}

// Anything the tests import besides dedent and ruleTest: a stand-in that
// takes any property, call or `new`, as options only name such values.
// Its prototype answers too: esbuild's module wrapper copies a module
// into an object that inherits from it.
function anything() {
  const f = function() {};
  const any = {get: (_, key) => (key === Symbol.toPrimitive ? () => 'x' : anything())};
  return new Proxy(f, {
    ...any,
    getPrototypeOf: () => new Proxy({}, any),
    apply: () => anything(),
    construct: () => anything(),
  });
}

const cases = [];
const dir = path.join(root, '__tests__');
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort()) {
  const source = fs.readFileSync(path.join(dir, file), 'utf8');
  const js = esbuild.transformSync(source, {loader: 'ts', format: 'cjs'}).code;
  const sandbox = {
    require: (name) => {
      if (name === 'ts-dedent') return {default: dedent, __esModule: true};
      if (name === './common') {
        return {ruleTest: (args) => collect(file, args.testCases), defaultMisspellings: () => new Map()};
      }
      return anything();
    },
    module: {exports: {}},
    exports: {},
    describe: () => {}, it: () => {}, test: () => {}, expect: anything(),
    beforeAll: () => {}, beforeEach: () => {}, afterAll: () => {}, afterEach: () => {},
  };
  try {
    vm.runInNewContext(js, sandbox, {filename: file});
  } catch (e) {
    process.stderr.write(`${file}: skipped (${e.message})\n`);
  }
}

function collect(file, testCases) {
  for (const c of testCases) {
    if (typeof c.before === 'string' && typeof c.after === 'string') {
      cases.push({source: `__tests__/${file}`, name: c.testName, before: c.before, after: c.after});
    }
  }
}

// The test vault: each `x.md` with its `x.linted.md`.
function walk(d) {
  return fs.readdirSync(d, {withFileTypes: true}).flatMap((e) => {
    const p = path.join(d, e.name);
    return e.isDirectory() ? (e.name.startsWith('.') ? [] : walk(p)) : [p];
  });
}
for (const p of walk(path.join(root, 'test-vault')).sort()) {
  if (!p.endsWith('.md') || p.endsWith('.linted.md')) continue;
  const linted = p.replace(/\.md$/, '.linted.md');
  if (!fs.existsSync(linted)) continue;
  cases.push({
    source: path.relative(root, p),
    name: path.basename(p),
    before: fs.readFileSync(p, 'utf8'),
    after: fs.readFileSync(linted, 'utf8'),
  });
}
process.stdout.write(JSON.stringify(cases, null, 1) + '\n');
process.stderr.write(`${cases.length} cases\n`);
