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
 *
 * One small loop, a pair a turn: in cold Chromium pages it costs about what
 * esbuild's base64 decoder did. Unrolled to 16 symbols (13 whole bytes) a
 * turn it decoded a little faster, but the inflating and compiling that
 * follow took longer, about 20 ms in all on a 2-core machine.
 */
export function fromText91(text: string): Uint8Array<ArrayBuffer> {
	const { low, high } = symbolTables();
	const length = text.length;
	const out = new Uint8Array(text91Bytes(length));
	const end = length - (length & 1);
	// acc holds the bits not written yet, `bits` of them (fewer than 8
	// between pairs); `worst` ORs every group, checked once after the loop.
	// A Uint8Array keeps the low 8 bits of what it is given.
	let acc = 0;
	let bits = 0;
	let j = 0;
	let worst = 0;
	for (let i = 0; i < end; i += 2) {
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
	if (end < length) {
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
	return out;
}
