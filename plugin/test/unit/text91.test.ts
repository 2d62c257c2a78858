// text91, the text form of main.js's embedded gzip: build/wasm-factory.mjs
// encodes (toText91), src/text91.ts decodes (fromText91).
import assert from "node:assert/strict";
import { test } from "node:test";
import esbuild from "esbuild";
import { TEXT91_SYMBOLS, toText91 } from "../../build/wasm-factory.mjs";
import { fromText91, streamText91, text91Bytes } from "../../src/text91";

/** Seeded bytes (xorshift32), the same on every run. */
function randomBytes(length: number, seed: number): Uint8Array {
	const out = new Uint8Array(length);
	let x = seed >>> 0 || 1;
	for (let i = 0; i < length; i++) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		out[i] = x >>> 24;
	}
	return out;
}

const roundTrip = (bytes: Uint8Array): void => {
	const text = toText91(bytes);
	// 16 bits of text per 13 of payload, the last 1-6 bits one symbol, 7-12 two.
	const tail = (bytes.length * 8) % 13;
	assert.equal(text.length, Math.floor((bytes.length * 8) / 13) * 2 + (tail === 0 ? 0 : tail <= 6 ? 1 : 2), `length for ${bytes.length} bytes`);
	assert.equal(text91Bytes(text.length), bytes.length);
	for (const c of text) assert.ok(TEXT91_SYMBOLS.includes(c), `symbol ${JSON.stringify(c)}`);
	const back = fromText91(text);
	assert.ok(back instanceof Uint8Array);
	assert.deepEqual(back, bytes, `round trip of ${bytes.length} bytes`);
};

test("the alphabet: 91 printable ASCII chars in code order, none a string literal escapes", () => {
	assert.equal(TEXT91_SYMBOLS.length, 91);
	assert.equal(new Set(TEXT91_SYMBOLS).size, 91);
	for (let i = 0; i < 91; i++) {
		const code = TEXT91_SYMBOLS.charCodeAt(i);
		assert.ok(code >= 0x20 && code <= 0x7e);
		if (i > 0) assert.ok(code > TEXT91_SYMBOLS.charCodeAt(i - 1));
	}
	for (const c of ['"', "'", "\\", "`"]) assert.ok(!TEXT91_SYMBOLS.includes(c), c);
	// A group of 13 bits is its value modulo 91, then the quotient: the first
	// two symbols of two bytes (16 bits: a group and 3 bits).
	for (let v = 0; v < 8192; v += v < 300 ? 1 : 97) {
		const pair = TEXT91_SYMBOLS.charAt(v % 91) + TEXT91_SYMBOLS.charAt(Math.floor(v / 91));
		assert.equal(toText91(new Uint8Array([v & 0xff, v >> 8])).slice(0, 2), pair);
	}
	assert.equal(toText91(new Uint8Array([0xff, 0x1f])).slice(0, 2), "!~", "8191 = 1 + 91 * 90");
});

test("round trip: empty, every length to 300 (every tail of 0-12 bits, many times), bytes all 0 and all 255", () => {
	for (let n = 0; n <= 300; n++) {
		roundTrip(randomBytes(n, n + 1));
		roundTrip(new Uint8Array(n));
		roundTrip(new Uint8Array(n).fill(0xff));
	}
	assert.equal(toText91(new Uint8Array(0)), "");
	assert.equal(fromText91("").length, 0);
});

test("round trip: lengths around multiples of 13 bytes (104 bits, 16 symbols) and large arrays", () => {
	for (const base of [13, 26, 104, 1040, 4096, 8191, 65_536]) {
		for (let d = -3; d <= 3; d++) roundTrip(randomBytes(base + d, base * 7 + d));
	}
	for (const n of [100_000, 100_001, 100_003, 1 << 20]) roundTrip(randomBytes(n, n));
});

test("fromText91 refuses what the encoder never writes", () => {
	// 41 bytes, 328 bits: 51 symbols, 50 in pairs (the first 48 in the
	// 16-symbol loop) and a lone last one for the last 3 bits.
	const text = toText91(randomBytes(41, 9));
	assert.equal(text.length, 51);
	// "é" (0xe9) and "Ł" (0x141) are past the ASCII the table's symbols are
	// in, though their low 7 bits would name symbols ("i" and "A").
	for (const bad of ['"', "'", "\\", "`", "\n", "\x7f", "é", "Ł", "\u2028", "\ud83d"]) {
		for (let at = 0; at < text.length; at++) {
			assert.throws(() => fromText91(text.slice(0, at) + bad + text.slice(at + 1)), /not text91/, `${JSON.stringify(bad)} at ${at}`);
		}
	}
	// A pair worth 8192 or more: "~~" is 90 + 91 * 90.
	assert.throws(() => fromText91("~~"), /not text91/);
	// A lone last symbol holds 6 bits: 64 and above is out of range.
	assert.throws(() => fromText91("  " + TEXT91_SYMBOLS.charAt(64)), /not text91/);
	// Padding bits that are not zero: 1 byte is one pair whose value is below 256.
	assert.deepEqual([...fromText91(toText91(new Uint8Array([7])))], [7]);
	assert.throws(() => fromText91(TEXT91_SYMBOLS.charAt(0) + TEXT91_SYMBOLS.charAt(3)), /not text91/);
});

/** Every piece streamText91 gives, and the bytes they make together. */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ pieces: number[]; bytes: Uint8Array }> {
	const pieces: number[] = [];
	const chunks: Uint8Array[] = [];
	const reader = stream.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		pieces.push(value.length);
		chunks.push(value);
	}
	return { pieces, bytes: new Uint8Array(Buffer.concat(chunks)) };
}

test("streamText91: pieces of 16n symbols, 13n bytes each, that make up fromText91's bytes", async () => {
	for (const n of [0, 1, 2, 12, 13, 14, 25, 26, 27, 100, 1000, 4099]) {
		const bytes = randomBytes(n, 77 + n);
		const text = toText91(bytes);
		for (const piece of [16, 32, 48, 160, 1 << 17]) {
			const { pieces, bytes: back } = await readAll(streamText91(text, piece));
			assert.deepEqual(back, bytes, `${n} bytes in pieces of ${piece} symbols`);
			assert.ok(pieces.slice(0, -1).every((p) => p === (piece / 16) * 13), `whole pieces for ${n} bytes`);
			assert.equal(pieces.length, Math.ceil(text.length / piece));
		}
	}
	assert.throws(() => streamText91("", 0));
	assert.throws(() => streamText91("", 24));
});

test("streamText91 errors the stream where fromText91 throws, in the piece that holds the fault", async () => {
	const text = toText91(randomBytes(1000, 5));
	const bad = text.slice(0, 700) + "\\" + text.slice(701);
	const reader = streamText91(bad, 64).getReader();
	let read = 0;
	await assert.rejects(async () => {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			read += value.length;
		}
	}, /not text91/);
	assert.equal(read, Math.floor(700 / 64) * 52, "the pieces before it were read");
	await assert.rejects(readAll(streamText91(text.slice(0, -2) + "~~")), /not text91/);
});

test("esbuild prints the text in main.js as it is: no escape, one byte a symbol", async () => {
	// The text loader, as build/wasm-factory.mjs serves the payload; minified, as main.js is.
	const text = TEXT91_SYMBOLS.repeat(3) + toText91(randomBytes(10_000, 3));
	const built = await esbuild.build({
		stdin: { contents: `import t from "payload"; console.log(t);`, loader: "js" },
		plugins: [
			{
				name: "payload",
				setup(build) {
					build.onResolve({ filter: /^payload$/ }, () => ({ path: "payload", namespace: "payload" }));
					build.onLoad({ filter: /.*/, namespace: "payload" }, () => ({ contents: text, loader: "text" }));
				},
			},
		],
		bundle: true,
		write: false,
		minify: true,
		format: "cjs",
		platform: "browser",
		target: "es2020",
		charset: "ascii",
	});
	const out = built.outputFiles[0]?.text;
	assert.ok(out?.includes(`"${text}"`), "the text, verbatim, in double quotes");
	// The one escape esbuild makes in such a string: "</script" (any case) becomes
	// "<\/script", the same string; 1 byte in main.js should a payload ever hold it.
	assert.ok(TEXT91_SYMBOLS.includes("<") && TEXT91_SYMBOLS.includes("/"));
});
