import { describe, expect, it } from 'vitest';
import { cubeAggregation, rollUp, summaryDoc } from './rows';

const HOUR = Date.parse('2026-11-02T13:00:00Z');
const bucket = (country: string | null, doc_count: number) => ({
  key: {
    hour: HOUR,
    f0: 'authentication',
    f1: 'denied',
    f2: null,
    f3: 'duo_push',
    f4: 'VPN',
    f5: country,
    f6: null,
  },
  doc_count,
});

describe('summary documents', () => {
  it('stand for their records by _doc_count, carry the values of their combination and leave missing ones out', () => {
    const doc = summaryDoc('dimensions', 'acme', bucket('Germany', 42));
    expect(doc.source).toEqual({
      customer_id: 'acme',
      ts: '2026-11-02T13:00:00.000Z',
      summary_cube: 'dimensions',
      summary_key: doc.id,
      _doc_count: 42,
      event_type: 'authentication',
      result: 'denied',
      factor: 'duo_push',
      'application.name': 'VPN',
      'access_device.location.country': 'Germany',
    });
  });

  it('are named by what they summarise, so a recomputed hour overwrites them, whatever it now counts', () => {
    const a = summaryDoc('dimensions', 'acme', bucket('Germany', 42));
    expect(summaryDoc('dimensions', 'acme', bucket('Germany', 43)).id).toBe(a.id);
    expect(summaryDoc('dimensions', 'acme', bucket(null, 42)).id).not.toBe(a.id);
    expect(summaryDoc('dimensions', 'globex', bucket('Germany', 42)).id).not.toBe(a.id);
  });
});

describe('counting an hour', () => {
  it("groups one customer's records in the window by hour and every field of the cube, missing values included", () => {
    const request = cubeAggregation('users', 'acme', { from: HOUR, to: HOUR + 3_600_000 });
    expect(request.query).toEqual({
      bool: {
        filter: [
          { term: { customer_id: 'acme' } },
          { range: { ts: { gte: HOUR, lt: HOUR + 3_600_000, format: 'epoch_millis' } } },
        ],
      },
    });
    expect(request.aggs?.rows?.composite?.sources).toEqual([
      { hour: { date_histogram: { field: 'ts', fixed_interval: '1h' } } },
      { f0: { terms: { field: 'event_type', missing_bucket: true } } },
      { f1: { terms: { field: 'result', missing_bucket: true } } },
      { f2: { terms: { field: 'user.name', missing_bucket: true } } },
      { f3: { terms: { field: 'access_device.location.country_code', missing_bucket: true } } },
    ]);
  });
});

describe('rolling up', () => {
  it('counts the same records by fewer fields, adding up the combinations that become one', () => {
    const base = [
      bucket('Germany', 5),
      bucket('France', 3),
      { ...bucket('Germany', 2), key: { ...bucket('Germany', 2).key, f1: 'success' } },
    ];
    // countries: event type, result, country, country code (f5, f6 of the dimensions).
    expect(rollUp('dimensions', 'countries', base)).toEqual([
      { key: { hour: HOUR, f0: 'authentication', f1: 'denied', f2: 'Germany', f3: null }, doc_count: 5 },
      { key: { hour: HOUR, f0: 'authentication', f1: 'denied', f2: 'France', f3: null }, doc_count: 3 },
      { key: { hour: HOUR, f0: 'authentication', f1: 'success', f2: 'Germany', f3: null }, doc_count: 2 },
    ]);
    expect(rollUp('dimensions', 'reasons', base)).toEqual([
      { key: { hour: HOUR, f0: 'authentication', f1: 'denied', f2: null }, doc_count: 8 },
      { key: { hour: HOUR, f0: 'authentication', f1: 'success', f2: null }, doc_count: 2 },
    ]);
  });

  it('refuses a cube with a field the other does not hold', () => {
    expect(() => rollUp('dimensions', 'users', [bucket('Germany', 1)])).toThrow(/user\.name/);
  });
});
