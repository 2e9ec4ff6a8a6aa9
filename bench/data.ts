import type { Client } from '@elastic/elasticsearch';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
