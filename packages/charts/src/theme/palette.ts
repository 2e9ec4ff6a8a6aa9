/**
 * Colour-blind-safe categorical palette (Okabe–Ito plus two from Paul Tol's muted set).
 * Each entry is a CSS variable reference with the light-theme hex as fallback, so charts follow
 * theme.css when it is loaded and still render correctly when it is not.
 */
export const paletteHex = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#d55e00',
  '#cc79a7',
  '#56b4e9',
  '#b8a300',
  '#882255',
  '#44aa99',
  '#332288',
] as const;

/** The default series colours, as `var(--sl-series-N, #hex)`. */
export const palette: readonly string[] = paletteHex.map((hex, i) => `var(--sl-series-${i}, ${hex})`);

/** Colour for the i-th series or slice; cycles after ten. */
export function seriesColor(index: number, colors: readonly string[] = palette): string {
  const n = colors.length;
  return colors[((index % n) + n) % n] ?? paletteHex[0];
}

/** Theme tokens as CSS variable references with fallbacks, for inline SVG attributes. */
export const themeVar = {
  bg: 'var(--sl-bg, #ffffff)',
  fg: 'var(--sl-fg, #1f2328)',
  muted: 'var(--sl-muted, #59636e)',
  grid: 'var(--sl-grid, #d8dee4)',
  axis: 'var(--sl-axis, #8c959f)',
  focus: 'var(--sl-focus, #0550ae)',
  selection: 'var(--sl-selection, rgba(5, 80, 174, 0.14))',
  tooltipBg: 'var(--sl-tooltip-bg, #1f2328)',
  tooltipFg: 'var(--sl-tooltip-fg, #ffffff)',
  noData: 'var(--sl-no-data, #eaeef2)',
  other: 'var(--sl-other, #aab2bb)',
  danger: 'var(--sl-danger, #cf222e)',
  font: 'var(--sl-font, system-ui, sans-serif)',
  fontSize: 'var(--sl-font-size, 12px)',
} as const;
