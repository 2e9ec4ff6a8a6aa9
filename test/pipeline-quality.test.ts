import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, RejectFile } from '../packages/query-api/src/ingest';
import {
  ensureLoadLog,
  LOAD_LOG_INDEX,
  recordLoads,
  type LoadLogEntry,
} from '../packages/query-api/src/pipeline/load-log';
import {
  latestResults,
  QUALITY_INDEX,
  QUALITY_THRESHOLDS,
  runQualityChecks,
  type CheckResult,
} from '../packages/query-api/src/pipeline/quality';
import { cleanTestMonth, deleteWhere, esClient } from './ingest.support';

/** This file's months (a txid re-sent into the earlier one), customers and load-log streams. */
const MONTHS = ['2009-05', '2009-06'];
const PREFIX = 'itest-quality-';
const STREAMS = 'itest-quality/';
const CLI = fileURLToPath(new URL('../packages/query-api/bin/sightline.js', import.meta.url));
const client = esClient();

const NOW = new Date('2009-06-10T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

const CLEAN = `${PREFIX}clean`;
const FORGED = `${PREFIX}forged`;
const DOUBLED = `${PREFIX}doubled`;

/** A well-formed canonical attempt; `over` changes what a case needs. */
function attempt(customer: string, n: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    txid: `${customer}-${n}`,
    customer_id: customer,
    ts: at(3 * HOUR + n * 1000),
    result: 'success',
    reason: 'user_approved',
    factor: 'duo_push',
    user: { name: `user${n % 7}` },
    application: { name: 'Payroll' },
    access_device: { ip: '203.0.113.9', location: { country: 'Germany', country_code: 'DE' } },
    ...over,
  };
}

async function store(records: Record<string, unknown>[]): Promise<void> {
  const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'sl-quality-')), 'rejects.ndjson'));
  const items = records.map((value, i) => ({ line: i + 1, value }));
  const summary = await ingest(client, { items, rejects, refresh: true, clock: () => new Date(at(HOUR)) });
  expect(summary.rejected).toBe(0);
}

/** A batch of `read` rows on `stream`, committed `ago` before the run, its newest event `eventAgo` before. */
function load(stream: string, n: number, ago: number, read: number, eventAgo = ago): LoadLogEntry {
  return {
    '@timestamp': at(ago),
    loader: 'batcher',
    stream: `${STREAMS}${stream}`,
    from: String(n * 1000),
    to: String(n * 1000 + read),
    event_from: at(eventAgo + 60_000),
    event_to: at(eventAgo),
    read,
    stored: read,
    duplicates: 0,
    flagged: 0,
    rejected: 0,
    duration_ms: 10,
  };
}

/** Same hour on each of the previous days, then (for a live stream) one batch in the last hour. */
function history(stream: string, lastHour: boolean): LoadLogEntry[] {
  const days = QUALITY_THRESHOLDS.zeroRows.previousDays;
  const before = Array.from({ length: days }, (_, d) => load(stream, d + 1, (d + 1) * DAY + 30 * 60_000, 50));
  return lastHour ? [...before, load(stream, 0, 20 * 60_000, 40)] : before;
}

async function clean(): Promise<void> {
  for (const month of MONTHS) await cleanTestMonth(client, PREFIX, month);
  await deleteWhere(client, LOAD_LOG_INDEX, { prefix: { stream: STREAMS } });
  await deleteWhere(client, QUALITY_INDEX, {
    bool: { should: [{ prefix: { source: STREAMS } }, { prefix: { source: `customer:${PREFIX}` } }] },
  });
}

const pick = (results: CheckResult[], check: string, source: string, subject?: string) =>
  results.filter((r) => r.check === check && r.source === source && (!subject || r.subject === subject));

async function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'quality', ...args], {
      env: { ...process.env },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '' };
  }
}

beforeAll(async () => {
  await clean();
  await ensureLoadLog(client);
  await recordLoads(client, [...history('live', true), ...history('stopped', false)]);
  await client.indices.refresh({ index: LOAD_LOG_INDEX });
  const cleanRecords = Array.from({ length: 30 }, (_, n) => attempt(CLEAN, n));
  const forged = [
    ...Array.from({ length: 29 }, (_, n) => attempt(FORGED, n)),
    // Approved, says the result; a wrong passcode, says the reason: no real attempt is both.
    attempt(FORGED, 29, { reason: 'invalid_passcode', factor: 'passcode' }),
  ];
  const doubled = Array.from({ length: 30 }, (_, n) => attempt(DOUBLED, n));
  await store([...cleanRecords, ...forged, ...doubled]);
  // The same txid again with other content: another time (last month) and another result.
  await store([
    attempt(DOUBLED, 7, { ts: '2009-05-20T08:00:00.000Z', result: 'denied', reason: 'no_response' }),
  ]);
});

afterAll(async () => {
  await clean();
  await client.close();
});

describe('data-quality checks against Elasticsearch', () => {
  let results: CheckResult[];

  beforeAll(async () => {
    results = await runQualityChecks({
      client,
      now: NOW,
      thresholds: QUALITY_THRESHOLDS,
      streamPrefix: STREAMS,
      customerPrefix: PREFIX,
    });
  });

  it('fails zero rows for a source that stopped delivering at an hour it always delivers', () => {
    expect(pick(results, 'zero_rows', `${STREAMS}stopped`)).toEqual([
      expect.objectContaining({ status: 'fail', measured: 0, threshold: 1, policy: 'pause' }),
    ]);
    expect(pick(results, 'zero_rows', `${STREAMS}live`)).toEqual([
      expect.objectContaining({ status: 'pass', measured: 40 }),
    ]);
  });

  it('fails freshness for the stopped source, whose newest event is a day old', () => {
    expect(pick(results, 'freshness', `${STREAMS}stopped`)[0]).toMatchObject({
      status: 'fail',
      measured: DAY + 30 * 60_000,
    });
    expect(pick(results, 'freshness', `${STREAMS}live`)[0]).toMatchObject({ status: 'pass' });
  });

  it('fails the business rule for the customer with a success carrying a failure reason, and no other', () => {
    expect(pick(results, 'business_rule', `customer:${FORGED}`)[0]).toMatchObject({
      status: 'fail',
      kind: 'suspicious',
      measured: 1,
    });
    expect(pick(results, 'business_rule', `customer:${CLEAN}`)[0]).toMatchObject({
      status: 'pass',
      measured: 0,
    });
  });

  it('catches the txid stored twice with different content, naming it', () => {
    expect(pick(results, 'duplicates', `customer:${DOUBLED}`)[0]).toMatchObject({
      status: 'fail',
      measured: 1,
      detail: `for instance ${DOUBLED}-7`,
    });
    expect(pick(results, 'duplicates', `customer:${FORGED}`)[0]).toMatchObject({ status: 'pass' });
  });

  it('passes empty dimensions and accepted values of well-formed records', () => {
    const mine = results.filter((r) => r.source === `customer:${CLEAN}`);
    expect(mine.map((r) => [r.check, r.subject, r.status])).toEqual(
      expect.arrayContaining([
        ['empty_dimension', 'user.name', 'pass'],
        ['empty_dimension', 'access_device.location.country_code', 'pass'],
        ['accepted_values', 'result', 'pass'],
        ['accepted_values', 'factor', 'pass'],
      ]),
    );
    expect(mine.every((r) => r.status === 'pass')).toBe(true);
  });

  it('keeps the run in the quality index, read back as the latest results', async () => {
    const stored = await latestResults(client, `customer:${PREFIX}`);
    expect(stored.map((r) => [r.check, r.source, r.status]).slice(0, 2)).toEqual([
      ['business_rule', `customer:${FORGED}`, 'fail'],
      ['duplicates', `customer:${DOUBLED}`, 'fail'],
    ]);
    expect(stored.every((r) => r.at === NOW.toISOString())).toBe(true);
  });
});

describe('sightline quality', () => {
  it('exits 1 and prints the failing check when a critical check fails', async () => {
    const { code, stdout } = await cli([
      '--now',
      NOW.toISOString(),
      '--stream-prefix',
      STREAMS,
      '--customer-prefix',
      CLEAN,
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      new RegExp(`^FAIL\\s+zero_rows\\s+critical\\s+pause\\s+system\\s+${STREAMS}stopped`, 'm'),
    );
    expect(stdout).toMatch(/^2 failed, 0 warned, \d+ passed at 2009-06-10T12:00:00.000Z$/m);
  });

  it('exits 0 when every check passes, and answers JSON with --json', async () => {
    const args = [
      '--now',
      NOW.toISOString(),
      '--stream-prefix',
      `${STREAMS}live`,
      '--customer-prefix',
      CLEAN,
    ];
    const { code, stdout } = await cli([...args, '--json']);
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as CheckResult[];
    expect(new Set(results.map((r) => r.source))).toEqual(new Set([`${STREAMS}live`, `customer:${CLEAN}`]));
    expect(results.every((r) => r.status === 'pass')).toBe(true);
  });
});
