import { z } from 'zod';
import type { FieldSpec } from '../../log';

const ipOrCidr = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);
const ip = z.union([z.ipv4(), z.ipv6()]);

/**
 * Why `value` cannot be compared with a field of this spec, or null when it can.
 * `forRange` asks for an ordered bound (no CIDR blocks, no tri-state).
 */
export function valueProblem(spec: FieldSpec, value: unknown, forRange = false): string | null {
  switch (spec.kind) {
    case 'keyword':
    case 'keyword[]':
      if (typeof value !== 'string') return `expected a string, got ${describe(value)}`;
      if (spec.values && !spec.values.includes(value))
        return `'${value}' is not one of ${spec.values.join(', ')}`;
      return null;
    case 'long':
      return Number.isSafeInteger(value) ? null : `expected an integer, got ${describe(value)}`;
    case 'date':
      if (typeof value === 'number') return epochProblem(value);
      if (typeof value === 'string' && z.iso.datetime({ offset: true }).safeParse(value).success) return null;
      return `expected an ISO 8601 date-time with offset or epoch milliseconds, got ${describe(value)}`;
    case 'ip':
      return (forRange ? ip : ipOrCidr).safeParse(value).success
        ? null
        : `expected an IP address${forRange ? '' : ' or CIDR block'}, got ${describe(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `expected true or false, got ${describe(value)}`;
    case 'tristate':
      return typeof value === 'boolean' || value === 'unknown'
        ? null
        : `expected true, false or "unknown", got ${describe(value)}`;
    case 'geo_point':
      return 'geo points cannot be compared';
  }
}

/**
 * Epoch milliseconds are held to the years ISO 8601 date-times here may name (0000–9999): Elasticsearch
 * fails the whole search on values far outside them (1e300), and no log record lies there.
 */
const EARLIEST_DATE_MS = Date.parse('0000-01-01T00:00:00Z');
const LATEST_DATE_MS = Date.parse('9999-12-31T23:59:59.999Z');

function epochProblem(ms: number): string | null {
  if (ms >= EARLIEST_DATE_MS && ms <= LATEST_DATE_MS) return null;
  return `epoch milliseconds must lie between ${EARLIEST_DATE_MS} (0000-01-01) and ${LATEST_DATE_MS} (9999-12-31), got ${describe(ms)}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? typeof value;
}
