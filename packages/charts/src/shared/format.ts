const numberFormats = new Map<string, Intl.NumberFormat>();

function cached(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** Formats a count for labels and tooltips, grouping thousands in the reader's locale. */
export function formatNumber(value: number, locale?: string): string {
  return cached(locale, { maximumFractionDigits: 2 }).format(value);
}

/** Formats a share (0–1) as a percentage with at most one decimal. */
export function formatPercent(share: number, locale?: string): string {
  return cached(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** Compact form for axis ticks (1.2K, 3.4M). */
export function formatCompact(value: number, locale?: string): string {
  return cached(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
