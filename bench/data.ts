import type { Client } from '@elastic/elasticsearch';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinReports, type ReportDefinition } from '@sightline/schema/reports';
import { overviewReports } from '../apps/dashboard/src/overview/overviewReports';
import { generateRecords } from '../packages/query-api/src/generate';
import { ingest, RejectFile } from '../packages/query-api/src/ingest';
import { READ_ALIAS } from '../packages/query-api/src/store/mapping';

/** The customer every benchmark reads: one million records over seven days. */
export const BENCH_TENANT = 'bench-acme';
export const BENCH_RECORDS = 1_000_000;

/**
 * Makes sure the bench customer has its records, ingesting them once (ids are deterministic, so a
 * rerun after an interrupted ingest only fills the gaps). Returns how many the customer has.
 */
export async function ensureBenchData(es: Client): Promise<number> {
  // On a fresh cluster the alias does not exist yet: that is zero records, not an error.
  const count = async () =>
    (
      await es.count({
        index: READ_ALIAS,
        ignore_unavailable: true,
        allow_no_indices: true,
        query: { term: { customer_id: BENCH_TENANT } },
      })
    ).count;
  const have = await count();
  if (have >= BENCH_RECORDS) return have;
  console.error(`bench: ${have} records for ${BENCH_TENANT}; ingesting ${BENCH_RECORDS} (idempotent ids)…`);
  let line = 0;
  const items = (function* () {
    for (const value of generateRecords({
      seed: 'bench-reports',
      count: BENCH_RECORDS,
      days: 7,
      customers: 'single',
      customerPrefix: 'bench-',
    }))
      yield { line: ++line, value };
  })();
  const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'sl-bench-')), 'rejects.ndjson'));
  await ingest(es, { items, rejects, refresh: true });
  return count();
}

/** Where the scale benchmark marks each size it has generated (bench/scale.ts), by id `scale-<size>`. */
export const SCALE_MARKER_INDEX = 'sightline-bench-scale';

/**
 * A generated size of the scale benchmark, for the benchmarks that measure on it; `bench` exits 2,
 * saying how to generate it, when it is not there.
 */
export async function scaleDataSet(
  es: Client,
  size: string,
  bench: string,
): Promise<{ customer: string; end: number }> {
  const marker = await es.get<{ end: string; customer: string }>(
    { index: SCALE_MARKER_INDEX, id: `scale-${size}` },
    { ignore: [404] },
  );
  if (!marker.found || !marker._source) {
    console.error(`${bench}: no ${size} data set; run \`npm run bench -- scale --sizes ${size}\` first`);
    process.exit(2);
  }
  return { customer: marker._source.customer, end: Date.parse(marker._source.end) };
}

/** How long a built-in report looks back: its `last` span (7d, 24h), 7 days when it names none. */
export function spanMsOf(definition: { timeRange?: object | undefined }): number {
  const span =
    definition.timeRange && 'last' in definition.timeRange ? String(definition.timeRange.last) : '7d';
  return Number(span.slice(0, -1)) * (span.endsWith('h') ? 3_600_000 : 86_400_000);
}

/**
 * The reports the scale benchmarks measure: the built-in ones, and the overview's headline figures
 * (the dashboard's own definition: not in the catalog, and the overview waits for it too); `only`
 * (ids, comma-separated, from `--reports`) keeps some of them.
 */
export function scaleReports(only?: string): { id: string; definition: ReportDefinition }[] {
  const reports = [
    ...builtinReports(),
    { id: 'overview-headline', definition: overviewReports({ timeRange: { last: '7d' } }).headline },
  ].filter((r) => !only || only.split(',').includes(r.id));
  if (reports.length === 0) throw new Error(`--reports: no report is named ${only}`);
  return reports;
}
