import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRecords } from '../../../packages/query-api/src/generate';
import { ingest, normalise, RejectFile } from '../../../packages/query-api/src/ingest';
import type { AuthLogRecord } from '@sightline/schema';
import { countCustomers, deleteCustomers, esClient } from '../../ingest.support';

/** Only the dashboard's end-to-end tests use this customer, so their counts are theirs alone. */
export const PREFIX = 'e2e-dash-';
export const CUSTOMER = `${PREFIX}acme`;
/** The generated period: two days ending here, queried as a fixed range so "now" never matters. */
export const END = new Date('2026-09-15T12:00:00.000Z');
export const START = new Date(END.getTime() - 2 * 86_400_000);
/** Enough rows in range that the log must page past Elasticsearch's 10,000-hit window. */
const COUNT = 14_000;
const OPTIONS = {
  seed: 'e2e-dashboard',
  count: COUNT,
  days: 2,
  end: END,
  customers: 'single',
  customerPrefix: PREFIX,
} as const;

export interface Dataset {
  /** Every stored record of the customer inside [START, END), as ingest normalised it. */
  records: AuthLogRecord[];
}

function storedRecords(): AuthLogRecord[] {
  const ingestedAt = new Date().toISOString();
  const out: AuthLogRecord[] = [];
  for (const record of generateRecords(OPTIONS)) {
    const result = normalise(record, { ingestedAt });
    if (result.ok) out.push(result.record);
  }
  return out;
}

/**
 * The known data set: generated deterministically, ingested once (idempotent ids; re-ingested only
 * when the count in Elasticsearch differs), and returned as records the tests count from themselves.
 */
export async function ensureDataset(): Promise<Dataset> {
  const all = storedRecords();
  const client = esClient();
  try {
    if ((await countCustomers(client, PREFIX)) !== all.length) {
      await deleteCustomers(client, PREFIX);
      const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'sl-e2e-')), 'rejects.ndjson'));
      let line = 0;
      const items = (function* () {
        for (const value of generateRecords(OPTIONS)) yield { line: ++line, value };
      })();
      await ingest(client, { items, rejects, refresh: true });
    }
  } finally {
    await client.close();
  }
  const from = START.getTime();
  const to = END.getTime();
  return {
    records: all.filter((r) => {
      const t = Date.parse(r.ts);
      return r.customer_id === CUSTOMER && t >= from && t < to;
    }),
  };
}

/** Counts per value of a field (flags as "true"/"false", arrays spread), as Elasticsearch keys its terms. */
export function countBy(
  records: readonly AuthLogRecord[],
  read: (r: AuthLogRecord) => unknown,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) {
    const value = read(record);
    if (value === null || value === undefined) continue;
    for (const key of Array.isArray(value) ? value : [value])
      counts.set(String(key), (counts.get(String(key)) ?? 0) + 1);
  }
  return counts;
}
