import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthLogRecord } from '@sightline/schema';
import { cleanMonth } from './ingest.support';
import { customerApi, ingestRaw, rawRecord, type RawRecord } from './records.support';

/** This file's month (its own index) and customer: see cleanTestMonth. */
const MONTH = '2015-03';
const PREFIX = 'itzones-';
const CUSTOMER = `${PREFIX}acme`;
const api = customerApi(CUSTOMER);
let stored: AuthLogRecord[] = [];

/** The local calendar day and hour of an instant in a zone, as the zone's people read it. */
function local(ms: number, timeZone: string): { day: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

beforeAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  // Records every 37 minutes through March 2015: both DST changes of the month (US on the 8th, EU on the 29th).
  const records: RawRecord[] = [];
  for (let t = Date.parse('2015-03-02T00:00:00Z'); t < Date.parse('2015-03-31T00:00:00Z'); t += 37 * 60_000)
    records.push(rawRecord(CUSTOMER, `zone-${records.length}`, new Date(t).toISOString()));
  stored = await ingestRaw(records);
});
afterAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  await api.close();
});

describe('days are the time zone’s own days', () => {
  it.each(['Asia/Kolkata', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu'])(
    'a daily series in %s counts each local day, across offsets of :30/:45 and DST changes',
    async (timeZone) => {
      const timeRange = { from: '2015-03-03T00:00:00Z', to: '2015-03-30T12:00:00Z', timeZone };
      const result = await api.run({ timeRange, view: { type: 'timeseries', interval: '1d' } });
      if (result.view !== 'timeseries') throw new Error('not a time series');
      expect(result.meta.timeZone).toBe(timeZone);
      const want = new Map<string, number>();
      for (const r of stored) {
        const t = Date.parse(r.ts);
        if (t < Date.parse(timeRange.from) || t >= Date.parse(timeRange.to)) continue;
        const { day } = local(t, timeZone);
        want.set(day, (want.get(day) ?? 0) + 1);
      }
      for (const row of result.rows)
        expect(local(row.t, timeZone).hour, new Date(row.t).toISOString()).toBe(0);
      const got = new Map(result.rows.map((row) => [local(row.t, timeZone).day, row.values.count!]));
      expect(got).toEqual(want);
    },
  );
});
