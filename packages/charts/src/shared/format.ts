type Kind = 'number' | 'percent' | 'compact';

const options: Record<Kind, Intl.NumberFormatOptions> = {
  number: { maximumFractionDigits: 2 },
  percent: { style: 'percent', maximumFractionDigits: 1 },
  compact: { notation: 'compact', maximumFractionDigits: 1 },
};
// Building an Intl.NumberFormat costs far more than formatting with one; tables format thousands of cells.
const formats = new Map<string, Intl.NumberFormat>();

function formatter(kind: Kind, locale: string | undefined): Intl.NumberFormat {
  const key = `${kind}|${locale ?? ''}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options[kind]);
    formats.set(key, format);
  }
  return format;
}

/** Formats a count for labels and tooltips, grouping thousands in the reader's locale. */
export function formatNumber(value: number, locale?: string): string {
  return formatter('number', locale).format(value);
}

/** Formats a share (0–1) as a percentage with at most one decimal. */
export function formatPercent(share: number, locale?: string): string {
  return formatter('percent', locale).format(share);
}

/** Compact form for axis ticks (1.2K, 3.4M). */
export function formatCompact(value: number, locale?: string): string {
  return formatter('compact', locale).format(value);
}
