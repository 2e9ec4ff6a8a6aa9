import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanMonth } from './ingest.support';
import { customerApi, ingestRaw, rawRecord, type RawRecord } from './records.support';

/** This file's month (its own index) and customer: see cleanTestMonth. */
const MONTH = '2014-03';
const PREFIX = 'itcountry-';
const CUSTOMER = `${PREFIX}acme`;
const range = { from: '2014-03-01T00:00:00Z', to: '2014-04-01T00:00:00Z' };
const api = customerApi(CUSTOMER);

/** How a source names each country (Duo exports give names; other sources codes), and how often. */
const PLACES: [Record<string, unknown> | null, number][] = [
  [{ country: 'Kazakhstan' }, 5],
  [{ country: 'Korea, Republic of' }, 4],
  [{ country: 'United States of America' }, 3],
  [{ country: "Côte d'Ivoire" }, 2],
  [{ country: null, country_code: 'kaz' }, 1],
  [{ country: 'Atlantis' }, 2],
  [null, 1],
];

beforeAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  const records: RawRecord[] = [];
  for (const [place, n] of PLACES)
    for (let i = 0; i < n; i++) {
      const r = rawRecord(CUSTOMER, `country-${records.length}`, `2014-03-1${i}T12:00:00Z`);
      r.access_device.location = place ? { city: null, state: null, ...place } : null!;
      records.push(r);
    }
  await ingestRaw(records);
});
afterAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  await api.close();
});

describe('attempts by country', () => {
  it('places every ISO 3166-1 country however it is named, and counts unknown and missing countries apart', async () => {
    const result = await api.run({ timeRange: range, view: { type: 'geo', mode: 'country' } });
    if (result.view !== 'geo') throw new Error('not a map');
    expect(result.rows.map((r) => [r.key, r.value])).toEqual([
      ['KZ', 6],
      ['KR', 4],
      ['US', 3],
      ['CI', 2],
      ['__unknown__', 2],
      ['__none__', 1],
    ]);
  });

  it('keeps an unknown country’s name as recorded and flags it', async () => {
    const result = await api.run({
      timeRange: range,
      filters: { field: 'quality', op: 'eq', value: 'country_unknown' },
      view: {
        type: 'log',
        columns: ['access_device.location.country', 'access_device.location.country_code'],
      },
    });
    if (result.view !== 'log') throw new Error('not a log');
    expect(result.rows.map((r) => r.access_device?.location?.country)).toEqual(['Atlantis', 'Atlantis']);
    expect(result.rows.map((r) => r.access_device?.location?.country_code ?? null)).toEqual([null, null]);
  });
});
