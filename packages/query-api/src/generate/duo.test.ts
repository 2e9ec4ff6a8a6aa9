import { describe, expect, it } from 'vitest';
import { normalise } from '../ingest/normalise';
import { generateFormatted } from './format';
import type { DuoAuthLog } from './duo';
import { generateLabelledRecords } from './records';

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

  it("carries Duo's own verdicts on attack bursts, which ingest reads back into the risk fields", () => {
    const labelled = Array.from(generateLabelledRecords({ seed: 4, count: 5000, end }));
    const ingestedAt = '2026-11-20T00:00:00.000Z';
    const stored = duo.map((d) => {
      const result = normalise(d, { customer: 'acme', ingestedAt });
      if (!result.ok) throw new Error(result.detail);
      return result.record;
    });
    const inBurst = labelled.map((l) => l.burst !== null && l.record.event_type === 'authentication');
    expect(inBurst.filter(Boolean).length).toBeGreaterThan(20);
    stored.forEach((r, i) => {
      expect(r.risk.attacks !== null, r.txid).toBe(inBurst[i]);
      expect(r.risk).toEqual(labelled[i]!.record.risk);
      expect(r.application.destination_name).toBe(labelled[i]!.record.application.destination_name);
    });
    const marked = stored.filter((r) => r.risk.attacks?.includes('USER_MARKED_FRAUD'));
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.every((r) => r.result === 'fraud')).toBe(true);
    // Some normal travel is noticed and suppressed: no attack, a reason.
    const suppressed = stored.filter((r) => r.risk.suppressed_attacks !== null);
    expect(suppressed.length).toBeGreaterThan(0);
    expect(
      suppressed.every((r) => r.risk.attacks === null && r.risk.suppressed_reasons?.[0] === 'KNOWN_IP'),
    ).toBe(true);
    expect(stored.some((r) => r.application.destination_name !== null)).toBe(true);
  });
});
