/**
 * Viridis sampled at ten points (light to dark). Sequential, perceptually uniform and readable with
 * every common colour-vision deficiency; interpolating between these stops stays within a few ΔE of
 * the real map without shipping d3-scale-chromatic.
 */
const VIRIDIS = [
  '#fde725',
  '#b5de2b',
  '#6ece58',
  '#35b779',
  '#1f9e89',
  '#26828e',
  '#31688e',
  '#3e4989',
  '#482878',
  '#440154',
];

const channel = (hex: string, i: number) => parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16);

/** The colour at `t` ∈ [0, 1] along viridis, light (low) to dark (high), as `#rrggbb`. */
export function viridis(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const a = VIRIDIS[i] ?? VIRIDIS[0]!;
  const b = VIRIDIS[i + 1] ?? a;
  const f = x - i;
  let out = '#';
  for (let c = 0; c < 3; c++) {
    const v = Math.round(channel(a, c) + (channel(b, c) - channel(a, c)) * f);
    out += v.toString(16).padStart(2, '0');
  }
  return out;
}

/** `n` evenly spaced colours along viridis, light to dark. */
export function sequentialColors(n: number): string[] {
  return Array.from({ length: n }, (_, i) => viridis(n === 1 ? 1 : i / (n - 1)));
}
