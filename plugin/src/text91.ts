// The text form main.js embeds the gzipped WASM in (plugin/build/wasm-factory.mjs
// writes it, toText91): 13 bits at a time, low bits first, each group as two
// symbols of a 91-symbol alphabet, the group's value modulo 91 first
// (91 * 91 = 8281 >= 8192). The symbols are printable ASCII, space to `~`,
// less `"`, `'`, `\` and the backtick, in code order: a string literal needs
// no escape for any of them, so each costs one byte of main.js. 16 bits of
// text for 13 of payload, where base64 spends 16 for 12: 7.7% fewer bytes.
//
// The tail: the last 1 to 6 bits are one symbol, 7 to 12 bits two, padded
// with zero bits; so the text's length alone gives the number of bytes.
//
// Every 16 symbols are 13 whole bytes, so the text decodes in independent
// pieces: streamText91 hands them out as they are read, which lets the
// platform inflate and compile the first while the next are decoded.

const INVALID = 0xffff;

/**
 * By char code, for every code a string can hold: a symbol's value as the
 * low symbol of a pair (`low`) and as the high one, times 91 (`high`);
 * INVALID for any other char, so a pair holding one is worth at least
 * INVALID, above any 13-bit group. Made on each call (2 x 128 KB, filled
 * natively): the decoder runs once per load, so nothing is kept.
 */
function symbolTables(): { low: Uint16Array; high: Uint16Array } {
	const low = new Uint16Array(0x10000).fill(INVALID);
	const high = new Uint16Array(0x10000).fill(INVALID);
	let value = 0;
	for (let code = 0x20; code <= 0x7e; code++) {
		if (code === 0x22 || code === 0x27 || code === 0x5c || code === 0x60) continue;
		low[code] = value;
		high[code] = 91 * value;
		value++;
	}
	return { low, high };
}

/** The number of bytes `length` symbols hold: 13 bits a pair, 6 for a lone last symbol. */
export function text91Bytes(length: number): number {
	return Math.floor(((length >>> 1) * 13 + (length & 1) * 6) / 8);
}

/**
 * The bytes `text` encodes. Throws on a char outside the alphabet, a pair
 * worth 8192 or more, or padding bits that are not zero: whatever is not
 * the encoder's output.
 */
export function fromText91(text: string): Uint8Array<ArrayBuffer> {
	const { low, high } = symbolTables();
	const out = new Uint8Array(text91Bytes(text.length));
	decodeInto(text, low, high, 0, text.length, out);
	return out;
}

/** Symbols a piece of streamText91: 131,072, 106,496 bytes. */
export const STREAM_PIECE = 1 << 17;

/**
 * The bytes `text` encodes, as a stream of pieces, each decoded when the
 * reader asks for it; errors as fromText91 throws. Where the reader is
 * DecompressionStream and WebAssembly.compileStreaming, decoding, inflating
 * and compiling overlap: in cold Chromium pages the three took 57-70 ms
 * together on a loaded 2-core machine, where decoding the whole text first
 * took 82 (and native base64 with the same inflater, 68).
 */
export function streamText91(text: string, piece = STREAM_PIECE): ReadableStream<Uint8Array<ArrayBuffer>> {
	if (piece <= 0 || piece % 16 !== 0) throw new Error("a piece of text91 is a positive multiple of 16 symbols");
	const { low, high } = symbolTables();
	let at = 0;
	return new ReadableStream<Uint8Array<ArrayBuffer>>(
		{
			pull(controller): void {
				const stop = Math.min(at + piece, text.length);
				const out = new Uint8Array(text91Bytes(stop) - text91Bytes(at));
				decodeInto(text, low, high, at, stop, out);
				at = stop;
				if (out.length > 0) controller.enqueue(out);
				if (at === text.length) controller.close();
			},
		},
		{ highWaterMark: 0 },
	);
}

/**
 * Decodes text[start, stop) into `out`, which it fills: `start` is a
 * multiple of 16 (a whole number of bytes before it), `stop` one too or the
 * text's end. One small loop, a pair a turn: unrolled to 16 symbols a turn
 * it decoded a little faster in Chromium, but the inflating and compiling
 * that follow took longer, about 20 ms in all on a 2-core machine.
 */
function decodeInto(text: string, low: Uint16Array, high: Uint16Array, start: number, stop: number, out: Uint8Array): void {
	const end = stop - ((stop - start) & 1);
	// acc holds the bits not written yet, `bits` of them (fewer than 8
	// between pairs); `worst` ORs every group, checked once after the loop.
	// A Uint8Array keeps the low 8 bits of what it is given.
	let acc = 0;
	let bits = 0;
	let j = 0;
	let worst = 0;
	for (let i = start; i < end; i += 2) {
		const group = (low[text.charCodeAt(i)] as number) + (high[text.charCodeAt(i + 1)] as number);
		worst |= group;
		acc |= group << bits;
		out[j++] = acc;
		acc >>>= 8;
		bits += 5;
		if (bits >= 8) {
			out[j++] = acc;
			acc >>>= 8;
			bits -= 8;
		}
	}
	if (end < stop) {
		// A lone last symbol holds at most 6 bits.
		const last = low[text.charCodeAt(end)] as number;
		worst |= last << 7;
		acc |= last << bits;
		bits += 6;
		if (bits >= 8) {
			out[j++] = acc;
			acc >>>= 8;
		}
	}
	if (worst > 0x1fff || acc !== 0 || j !== out.length) {
		throw new Error("not text91: a char outside the alphabet, a group out of range or stray padding");
	}
}
