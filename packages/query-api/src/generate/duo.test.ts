import { describe, expect, it } from 'vitest';
import { generateFormatted } from './format';
import type { DuoAuthLog } from './duo';

const end = new Date('2026-11-20T00:00:00Z');

describe('Duo v2 output', () => {
  const duo = Array.from(generateFormatted({ seed: 4, count: 5000, end }, 'duo')) as DuoAuthLog[];
  const canonical = Array.from(generateFormatted({ seed: 4, count: 5000, end }, 'canonical')) as {
    txid: string;
    ts: string;
    result: string;
  }[];

  it('renders the same events in the Admin API shape, without a tenant', () => {
    expect(duo.map((d) => d.txid)).toEqual(canonical.map((c) => c.txid));
    const first = duo[0]!;
    expect(Object.keys(first)).not.toContain('customer_id');
    expect(Object.keys(first.access_device.location).sort()).toEqual(['city', 'country', 'state']);
    expect(first.timestamp).toBe(Math.floor(Date.parse(canonical[0]!.ts) / 1000));
    expect(Date.parse(first.isotimestamp)).toBe(Date.parse(canonical[0]!.ts));
  });

  it('upper-cases a small share of results, as older exports do', () => {
    const upper = duo.filter((d) => d.result !== d.result.toLowerCase()).length;
    expect(upper).toBeGreaterThan(50);
    expect(upper).toBeLessThan(400);
    duo.forEach((d, i) => expect(d.result.toLowerCase()).toBe(canonical[i]!.result));
  });
});
