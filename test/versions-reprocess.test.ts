import type { estypes } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../packages/query-api/src/generate';
import type { ReportResult } from '@sightline/schema/reports';
import { runSink } from '../packages/query-api/src/pipeline/kafka/sink';
import { LOAD_LOG_INDEX, type LoadLogEntry } from '../packages/query-api/src/pipeline/load-log';
import { originalVersion, writeAliasOf } from '../packages/query-api/src/versions/names';
import { VersionRegistry } from '../packages/query-api/src/versions/registry';
import {
  fingerprintOf,
  ReprocessAbortedError,
  reprocessPeriod,
} from '../packages/query-api/src/versions/reprocess';
import { versionsInUse } from '../packages/query-api/src/versions/write-alias';
import { esClient } from './ingest.support';
import { dropPeriodVersions, sightlineWith } from './versions.support';
import { createTestTopics, dropTestPipeline, publishRaw, testPipeline, waitForDrain } from './kafka.support';
import { customerApi } from './records.support';

/** This file's month 2009-06 (its own indices), customers, topics and group. */
const PERIOD = '2009.06';
const PREFIX = 'itest-versions-';
const KOSOVO = 'Republic of Kosovo';
const config = testPipeline('versions');
const es = esClient();
const range = { from: '2009-06-01T00:00:00Z', to: '2009-07-01T00:00:00Z', timeZone: 'UTC' };

const records = [
  ...generateRecords({
    seed: 'itest-versions',
    count: 3000,
    end: new Date('2009-06-28T00:00:00Z'),
    days: 25,
    customerPrefix: PREFIX,
  }),
].map((r, i) => {
  // One record in 80 from a country the country table does not know by this name: no code today.
  if (i % 80 !== 0 || !r.access_device.location.country) return r;
  return {
    ...r,
    access_device: {
      ...r.access_device,
      location: { ...r.access_device.location, country: KOSOVO, country_code: null },
    },
  };
});
const customer = records[0]!.customer_id;
const original = originalVersion(PERIOD);

/** Runs the sink in this process until the group has read the whole topic. */
async function sinkUntilDrained(): Promise<void> {
  const stop = new AbortController();
  const done = runSink({ config, es, signal: stop.signal, log: () => undefined, sessionTimeoutMs: 6000 });
  try {
    await waitForDrain(config);
  } finally {
    stop.abort();
    await done;
  }
}

const sightline = (...args: string[]) => sightlineWith(config, ...args);

async function count(index: string): Promise<number> {
  await es.indices.refresh({ index });
  return (await es.count({ index })).count;
}

async function cleanUp(): Promise<void> {
  await dropPeriodVersions(es, PERIOD, [
    { prefix: { stream: `${config.firehoseTopic}/` } },
    { term: { stream: `versions/${PERIOD}` } },
  ]);
}

const countries = (r: { access_device: { location: { country_code?: string | null } } }) =>
  r.access_device.location.country_code ?? null;
const api = customerApi(customer);
/** A report's numbers: everything but how long Elasticsearch took. */
const numbers = (result: ReportResult) => ({ ...result, meta: { ...result.meta, tookMs: 0 } });
const geo = async () =>
  numbers(await api.run({ timeRange: range, view: { type: 'geo', mode: 'country' } } as never));
const byResult = async () =>
  numbers(await api.run({ timeRange: range, view: { type: 'breakdown', groupBy: 'result' } } as never));

describe('versioned reprocessing behind a differential check', () => {
  let before: { geo: unknown; byResult: unknown };
  let inUseRows: number;

  beforeAll(async () => {
    await cleanUp();
    await createTestTopics(config, 3);
    await publishRaw(
      config,
      records.map((r) => ({ key: r.customer_id, value: JSON.stringify(r) })),
    );
    await sinkUntilDrained();
    inUseRows = await count(original);
    before = { geo: await geo(), byResult: await byResult() };
  }, 600_000);

  afterAll(async () => {
    await cleanUp();
    await dropTestPipeline(config);
    await api.close();
    await es.close();
  }, 120_000);

  it('the live sink wrote the month through its write alias onto the original version', async () => {
    expect(inUseRows).toBe(records.length);
    expect(await versionsInUse(es, PERIOD)).toEqual([original]);
    const alias = await es.indices.getAlias({ name: writeAliasOf(PERIOD) });
    expect(Object.keys(alias)).toEqual([original]);
  });

  it('a reprocess stopped half-way leaves the version in use untouched and completes when run again', async () => {
    const stop = new AbortController();
    await expect(
      reprocessPeriod({
        es,
        config,
        period: PERIOD,
        signal: stop.signal,
        onProgress: () => stop.abort(),
      }),
    ).rejects.toThrow(ReprocessAbortedError);
    const registry = new VersionRegistry(es);
    const [unfinished] = await registry.list(PERIOD);
    expect(unfinished).toMatchObject({ state: 'building', revision: 1 });
    const partial = await count(unfinished!.index);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(records.length);
    expect(await versionsInUse(es, PERIOD)).toEqual([original]);
    expect(await count(original)).toBe(inUseRows);

    const completed = await reprocessPeriod({ es, config, period: PERIOD });
    expect(completed).toMatchObject({ index: unfinished!.index, resumed: true, state: 'built' });
    expect(await count(completed.index)).toBe(records.length);
    // Rebuilt by the same code from the same records: the same fingerprint.
    expect(await fingerprintOf(es, completed.index)).toEqual(await fingerprintOf(es, original));

    const retired = sightline('retire', completed.index);
    expect(retired.stderr).toBe('');
    expect(retired.code).toBe(0);
    expect(await es.indices.exists({ index: completed.index })).toBe(false);
  }, 300_000);

  it("refuses to switch to a version that lost a country's records, naming the differences", async () => {
    const shares = new Map<string, number>();
    for (const r of records) shares.set(countries(r) ?? '', (shares.get(countries(r) ?? '') ?? 0) + 1);
    const [dropped] = [...shares].filter(([c]) => c !== '').sort((a, b) => b[1] - a[1])[0]!;
    const lossy = await reprocessPeriod({
      es,
      config,
      period: PERIOD,
      // A broken enrichment: every record of the most frequent country is lost.
      adjust: (r) => (countries(r) === dropped ? null : r),
    });
    expect(lossy.revision).toBe(2);

    const refused = sightline('switch', '--period', PERIOD, '--to', lossy.index);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /difference past its threshold: rows: 3000 in use, \d+ new \(-\d+\.\d+%; limit ±0\.50%\)/,
    );
    expect(refused.stderr).toMatch(/difference past its threshold: country entropy: /);
    expect(refused.stderr).toContain(
      `switch of ${PERIOD} to ${lossy.index} refused; ${original} stays in use`,
    );
    expect(refused.stdout).toContain(`rows from ${dropped}: ${shares.get(dropped)} in use, 0 new`);
    expect(await versionsInUse(es, PERIOD)).toEqual([original]);

    const noReason = sightline('switch', '--period', PERIOD, '--to', lossy.index, '--force');
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--force needs --reason');
    const history = await new VersionRegistry(es).switches(PERIOD);
    expect(history).toEqual([]);
  }, 300_000);

  it('switches to a version that only adds country codes, and rollback restores the numbers exactly', async () => {
    const fuller = await reprocessPeriod({
      es,
      config,
      period: PERIOD,
      // A fuller country table: the name it did not know now has its code.
      adjust: (r) => {
        const location = r.access_device.location;
        if (location.country !== KOSOVO) return r;
        return {
          ...r,
          access_device: { ...r.access_device, location: { ...location, country_code: 'XK' } },
          quality: r.quality.filter((q) => q !== 'country_unknown'),
        };
      },
    });
    const switched = sightline('switch', '--period', PERIOD, '--to', fuller.index);
    expect(switched.stderr).toBe('');
    expect(switched.code).toBe(0);
    expect(switched.stdout).toContain(`${PERIOD}: switched from ${original} to ${fuller.index}`);
    expect(switched.stdout).toMatch(/rows from XK: 0 in use, \d+ new/);
    expect(await versionsInUse(es, PERIOD)).toEqual([fuller.index]);
    expect(Object.keys(await es.indices.getAlias({ name: writeAliasOf(PERIOD) }))).toEqual([fuller.index]);
    const afterSwitch = await geo();
    expect(afterSwitch).not.toEqual(before.geo);
    expect(JSON.stringify(afterSwitch)).toContain('"XK"');

    // Downstream computations are told to recompute the period.
    await es.indices.refresh({ index: LOAD_LOG_INDEX });
    const told = await es.search<LoadLogEntry>({
      index: LOAD_LOG_INDEX,
      query: {
        bool: { filter: [{ term: { loader: 'version' } }, { term: { stream: `versions/${PERIOD}` } }] },
      },
    });
    expect(told.hits.hits.map((h) => h._source)).toEqual([
      expect.objectContaining({
        from: original,
        to: fuller.index,
        event_from: '2009-06-01T00:00:00.000Z',
        event_to: '2009-06-30T23:59:59.999Z',
      }),
    ]);

    const listed = sightline('versions', '--period', PERIOD, '--json');
    expect(listed.code).toBe(0);
    const versions = JSON.parse(listed.stdout) as { version: string; inUse: boolean; state: string }[];
    expect(versions.map((v) => [v.version, v.inUse, v.state])).toEqual([
      [original, false, 'original'],
      [versions[1]!.version, false, 'retired'],
      [versions[2]!.version, false, 'built'],
      [fuller.index, true, 'built'],
    ]);

    const rolled = sightline('rollback', '--period', PERIOD);
    expect(rolled.stderr).toBe('');
    expect(rolled.code).toBe(0);
    expect(await versionsInUse(es, PERIOD)).toEqual([original]);
    expect(await geo()).toEqual(before.geo);
    expect(await byResult()).toEqual(before.byResult);
    expect(await count(original)).toBe(inUseRows);

    const retireInUse = sightline('retire', original);
    expect(retireInUse.code).toBe(2);
    expect(retireInUse.stderr).toContain(`${original} is in use for ${PERIOD}`);
  }, 300_000);

  it('after a switch, new live records of the month land in the version in use', async () => {
    const rebuilt = (await new VersionRegistry(es).list(PERIOD)).at(-1)!;
    const switched = sightline('switch', '--period', PERIOD, '--to', rebuilt.index);
    expect(switched.stderr).toBe('');
    expect(switched.code).toBe(0);
    const late = { ...records[1]!, txid: `${PREFIX}late-1`, ts: '2009-06-29T12:00:00Z' };
    await publishRaw(config, [{ key: late.customer_id, value: JSON.stringify(late) }]);
    await sinkUntilDrained();
    await es.indices.refresh({ index: [original, rebuilt.index] });
    expect((await es.get({ index: rebuilt.index, id: late.txid }, { ignore: [404] })).found).toBe(true);
    expect((await es.get({ index: original, id: late.txid }, { ignore: [404] })).found).toBe(false);
  }, 300_000);

  it("rebuilds one customer's records and carries the others over from the version in use", async () => {
    const [inUse] = await versionsInUse(es, PERIOD);
    const xk = async (index: string, query: estypes.QueryDslQueryContainer[]) =>
      (
        await es.count({
          index,
          query: { bool: { filter: [{ term: { 'access_device.location.country_code': 'XK' } }, ...query] } },
        })
      ).count;
    const others = { bool: { must_not: [{ term: { customer_id: customer } }] } };
    const mine = { term: { customer_id: customer } };
    expect(await xk(inUse!, [mine])).toBeGreaterThan(0);

    const built = sightline(
      'reprocess',
      '--from',
      '2009-06-01T00:00:00Z',
      '--to',
      '2009-07-01T00:00:00Z',
      '--customer',
      customer,
      '--json',
    );
    expect(built.code).toBe(0);
    const version = (JSON.parse(built.stdout) as { index: string }).index;
    expect(await count(version)).toBe(await count(inUse!));
    // The customer's records were read again with the code as it is (no code for the name it does
    // not know); everyone else's are as the version in use stores them (with the fuller table's XK).
    expect(await xk(version, [mine])).toBe(0);
    expect(await xk(version, [others])).toBe(await xk(inUse!, [others]));

    const bad = sightline('reprocess', '--from', '2009-06-02T00:00:00Z', '--to', '2009-07-01T00:00:00Z');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from and --to must each be the start of a month');
  }, 300_000);
});
