import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { InMemoryExportSlots } from '../packages/query-api/src/export/limits';
import { generateRecords } from '../packages/query-api/src/generate';
import { ingest, normalise, RejectFile } from '../packages/query-api/src/ingest';
import { READ_ALIAS } from '../packages/query-api/src/store/mapping';
import { type AuthLogRecord } from '@sightline/schema';
import { createEsClient } from '../packages/query-api/src/server';
import { serveExportApi, type RunningApi } from './support/export-api';

/** Customer ids only these files use, so nothing collides with other test files' data. */
export const MAIN = 'exptest-main';
export const OTHER = 'exptest-other';
export const CUSTOMERS = [MAIN, OTHER];
export const TOKENS = {
  main: 'exptest-token-main',
  other: 'exptest-token-other',
  admin: 'exptest-token-admin',
};

/** A month nobody else writes to: the generated period ends here. */
export const PERIOD = { from: '2011-07-02T00:00:00.000Z', to: '2011-08-01T00:00:00.000Z' };
const TOTAL = 250_000;
/** Every tenth record goes to the second customer; the rest (225,000) to the main one. */
const customerOf = (i: number) => (i % 10 === 0 ? OTHER : MAIN);

/** Values a spreadsheet would run as formulas, or that need quoting; planted in every 997th record. */
export const HOSTILE = [
  '=HYPERLINK("http://evil.example","x")',
  '+1+cmd|/C calc!A0',
  '-2+3+cmd|/C calc!A0',
  '@SUM(A1:A9)',
  '\tTAB',
  '\rCR',
  '\nLF',
  'quote " and, comma',
  'multi\nline',
];

function plant(record: Record<string, unknown>, i: number): void {
  if (i % 997 !== 0) return;
  const value = HOSTILE[(i / 997) % HOSTILE.length]!;
  (record.user as Record<string, unknown>).name = value;
  (record.application as Record<string, unknown>).name = value;
}

/** The generated records, as the source delivers them, in a fixed order. */
export function* sourceRecords(): Generator<Record<string, unknown>> {
  let i = 0;
  for (const generated of generateRecords({
    seed: 'export-tests',
    count: TOTAL,
    days: 30,
    end: new Date(PERIOD.to),
    customers: 'single',
  })) {
    const record = { ...generated, customer_id: customerOf(i) } as Record<string, unknown>;
    plant(record, i);
    i++;
    yield record;
  }
}

/** A stable JSON text (keys sorted), so two records compare equal whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => k !== 'ingested_at' && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const digest = (record: unknown) => createHash('sha1').update(canonical(record)).digest('base64');

/**
 * What ingest stored, per the ingest's own normalisation (independent of the export code): every
 * record of `customer` that `keep` accepts, by txid.
 */
export function expectedRecords(
  customer: string,
  keep: (r: AuthLogRecord) => boolean = () => true,
): Map<string, AuthLogRecord> {
  const out = new Map<string, AuthLogRecord>();
  for (const source of sourceRecords()) {
    if (source.customer_id !== customer) continue;
    const result = normalise(source, { ingestedAt: PERIOD.to });
    if (!result.ok) throw new Error(`fixture record rejected: ${result.detail}`);
    if (keep(result.record)) out.set(result.record.txid, result.record);
  }
  return out;
}

export function esClient(): Client {
  return new Client({ node: process.env.ES_URL ?? 'http://127.0.0.1:9200' });
}

async function countOf(es: Client, customer: string): Promise<number> {
  const { count } = await es.count({
    index: READ_ALIAS,
    query: { term: { customer_id: customer } },
    ignore_unavailable: true,
    allow_no_indices: true,
  });
  return count;
}

/** Ingests the fixture through the real ingest path, once: a run that finds it complete skips the work. */
export async function ensureDataset(es: Client): Promise<void> {
  const expected: Record<string, number> = { [MAIN]: TOTAL - TOTAL / 10, [OTHER]: TOTAL / 10 };
  const present = await Promise.all(CUSTOMERS.map((c) => countOf(es, c).catch(() => 0)));
  if (CUSTOMERS.every((c, i) => present[i] === expected[c])) return;
  await removeDataset(es);
  const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'exptest-')), 'rejects.ndjson'));
  let line = 0;
  const items = (function* () {
    for (const value of sourceRecords()) yield { line: ++line, value };
  })();
  const summary = await ingest(es, { items, rejects, refresh: true, clock: () => new Date(PERIOD.to) });
  if (rejects.count > 0) throw new Error(`fixture ingest rejected ${rejects.count} records`);
  const after = await Promise.all(CUSTOMERS.map((c) => countOf(es, c)));
  if (CUSTOMERS.some((c, i) => after[i] !== expected[c])) {
    throw new Error(`fixture ingest stored ${after.join('/')} records: ${JSON.stringify(summary)}`);
  }
}

/** Deletes, by id, every document of `index` that matches `query` (the test node has no delete-by-query). */
async function deleteMatching(es: Client, index: string, query: object): Promise<void> {
  for (;;) {
    const found = await es.search({ index, query, size: 5000, _source: false, sort: ['_doc'] });
    const hits = found.hits.hits;
    if (hits.length === 0) break;
    await es.bulk({
      refresh: true,
      operations: hits.map((h) => ({ delete: { _index: h._index, _id: h._id! } })),
    });
  }
}

/**
 * Removes this file's customers' records and nothing else: a monthly index holding only them goes
 * whole; from any other, their records are deleted one by one.
 */
export async function removeDataset(es: Client): Promise<void> {
  const mine = { terms: { customer_id: CUSTOMERS } };
  const response = await es.search({
    index: READ_ALIAS,
    size: 0,
    query: mine,
    aggs: { indices: { terms: { field: '_index', size: 100 } } },
    ignore_unavailable: true,
    allow_no_indices: true,
  });
  const buckets =
    (response.aggregations?.indices as { buckets?: { key: string }[] } | undefined)?.buckets ?? [];
  for (const { key: index } of buckets) {
    const { count: others } = await es.count({ index, query: { bool: { must_not: mine } } });
    if (others === 0) await es.indices.delete({ index });
    else await deleteMatching(es, index, mine);
  }
}

/** Removes this file's audit entries (the audit index is shared with the API's real use). */
export async function removeAudit(es: Client): Promise<void> {
  const exists = await es.indices.exists({ index: 'sightline-audit' });
  if (exists) await deleteMatching(es, 'sightline-audit', { prefix: { customer: 'exptest-' } });
}

export type { RunningApi };

/** The real API (createApp with export mounted) on an ephemeral port. */
export async function startApi(
  options: { concurrency?: number; pageSize?: number } = {},
): Promise<RunningApi> {
  const es = createEsClient(process.env.ES_URL ?? 'http://127.0.0.1:9200', { requestTimeoutMs: 60_000 });
  return serveExportApi(es, `${TOKENS.main}=${MAIN},${TOKENS.other}=${OTHER},${TOKENS.admin}=*`, {
    slots: new InMemoryExportSlots(options.concurrency ?? 2, 1),
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });
}

/** Open search contexts (point-in-time readers included) on every node. */
export async function openContexts(es: Client): Promise<number> {
  const stats = await es.nodes.stats({ metric: 'indices', index_metric: 'search' });
  return Object.values(stats.nodes).reduce(
    (sum, node) => sum + (node.indices?.search?.open_contexts ?? 0),
    0,
  );
}

/** Polls until `check` holds or `attempts` run out; returns the last value seen. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (v: T) => boolean,
  attempts = 100,
): Promise<T> {
  let value = await read();
  for (let i = 0; i < attempts && !check(value); i++) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}
