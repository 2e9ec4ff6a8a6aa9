/** A benchmark's option value: what follows `name` on its command line. */
export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** The p-th percentile (nearest rank) of `xs`, to a tenth; null when there is none to take. */
export function percentile(xs: readonly number[], p: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]! * 10) / 10;
}

/** p50 and p95 of `xs` as a table cell, "not measured" without any. */
export function p50p95(xs: readonly number[]): { p50: number | null; p95: number | null; cell: string } {
  const p50 = percentile(xs, 50);
  const p95 = percentile(xs, 95);
  return { p50, p95, cell: p50 === null ? 'not measured' : `${p50} / ${p95}` };
}
