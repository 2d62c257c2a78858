// N distinct two-word names, the same on every run, as
// scripts/bench_vault_handle.mjs makes them: words of three of 20 syllables
// (8,000 of them); past 8,000 names the last name shifts, so none repeats.
const SYL = ["ka", "lo", "mi", "ra", "se", "tu", "vi", "no", "da", "fe", "gi", "ha", "jo", "ku", "le", "ma", "ni", "or", "pe", "qu"];

function word(i: number): string {
	const w = `${SYL[i % 20] ?? ""}${SYL[Math.floor(i / 20) % 20] ?? ""}${SYL[Math.floor(i / 400) % 20] ?? ""}`;
	return w.charAt(0).toUpperCase() + w.slice(1);
}

export function people(n: number): string[] {
	const out: string[] = [];
	for (let i = 0; out.length < n; i++) out.push(`${word(i * 7 + 1)} ${word(i * 13 + 5 + Math.floor(i / 8000))}`);
	return out;
}
