import { formatNumber } from '../shared/format';
import type { LogFieldType } from './types';

/** Shown for null or missing values; screen readers get "empty" through the cell's aria-label. */
export const EMPTY = '—';

/**
 * "2024-05-01 13:45:07 UTC". Fixed format and zone, so server and client print the same string and
 * rows from different time zones line up.
 */
export function formatTimestamp(value: unknown): string {
  const date = new Date(value as string | number);
  if (Number.isNaN(date.getTime())) return String(value);
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Formats one value of a field by its type; null or undefined becomes {@link EMPTY}. */
export function formatValue(value: unknown, type: LogFieldType, locale = 'en-US'): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  switch (type) {
    case 'date':
      return formatTimestamp(value);
    case 'number':
    case 'long':
      return typeof value === 'number' ? formatNumber(value, locale) : String(value);
    case 'boolean':
    case 'tristate':
      return value === true ? 'yes' : value === false ? 'no' : String(value);
    case 'keyword[]':
      return Array.isArray(value) ? (value.length ? value.join(', ') : EMPTY) : String(value);
    case 'geo_point': {
      const point = value as { lat?: number; lon?: number };
      return typeof point.lat === 'number' && typeof point.lon === 'number'
        ? `${point.lat.toFixed(3)}, ${point.lon.toFixed(3)}`
        : String(value);
    }
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
