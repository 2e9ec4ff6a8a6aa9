import type { ExportFormat } from '@sightline/schema/api';
/** `2024-05-01T00:00:00.000Z` → `20240501T000000Z`: sortable, UTC, no characters a filesystem rejects. */
export function compactUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Keeps letters, digits, dot, underscore and hyphen; anything else (slashes, spaces, colons) becomes a hyphen. */
export function safeSegment(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return cleaned.length > 0 ? cleaned : 'unknown';
}

export type { ExportFormat };

/** `sightline-<customer>-<from>_<to>.<ext>`, so a downloaded file says whose rows and which time range it holds. */
export function exportFilename(customer: string, from: Date, to: Date, format: ExportFormat): string {
  return `sightline-${safeSegment(customer)}-${compactUtc(from)}_${compactUtc(to)}.${format}`;
}

/** RFC 6266 attachment header; the name is ASCII-safe by construction, so no `filename*` form is needed. */
export function contentDisposition(filename: string): string {
  return `attachment; filename="${filename}"`;
}
