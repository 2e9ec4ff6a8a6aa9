import { z } from 'zod';
import type { FieldSpec } from '../../schema';

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
      if (typeof value === 'number' && Number.isFinite(value)) return null;
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

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? typeof value;
}
