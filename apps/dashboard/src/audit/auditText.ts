import type { ExportAuditEntry } from '@sightline/client';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** A byte count for people: 1,536 → "1.5 KB" (powers of 1,024), in the viewer's locale. */
export function byteText(bytes: number, locale?: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits })} ${UNITS[unit]}`;
}

/** How an export ended, in words; a failure says why. */
export function outcomeText(entry: Pick<ExportAuditEntry, 'outcome' | 'error' | 'resumed'>): string {
  const ended =
    entry.outcome === 'complete'
      ? 'Complete'
      : entry.outcome === 'aborted'
        ? 'Cancelled by the client'
        : `Failed${entry.error ? `: ${entry.error}` : ''}`;
  return entry.resumed ? `${ended} (resumed)` : ended;
}

/** The columns an export held: the defaults when it chose none. */
export function columnsText(entry: Pick<ExportAuditEntry, 'columns' | 'format'>): string {
  if (entry.columns && entry.columns.length > 0) return entry.columns.join(', ');
  return entry.format === 'ndjson' ? 'whole records' : 'default columns';
}
