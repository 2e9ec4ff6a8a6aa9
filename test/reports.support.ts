import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRecords, type CustomerPreset } from '../packages/query-api/src/generate';
import { ingest, normalise, RejectFile } from '../packages/query-api/src/ingest';
import { getPath, type AuthLogRecord } from '@sightline/schema';
import { type FilterNode, SEARCHABLE_FIELDS } from '@sightline/schema/reports';
import { esClient } from './ingest.support';

/** Generates records, ingests them with the ingest pipeline, and returns them as stored (normalised). */
export async function ingestGenerated(options: {
  seed: string;
  count: number;
  days: number;
  end: Date;
  customers: CustomerPreset;
  customerPrefix: string;
}): Promise<AuthLogRecord[]> {
  const ingestedAt = new Date().toISOString();
  const stored: AuthLogRecord[] = [];
  for (const record of generateRecords(options)) {
    const result = normalise(record, { ingestedAt });
    if (result.ok) stored.push(result.record);
  }
  const client = esClient();
  const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'sl-reports-')), 'rejects.ndjson'));
  let line = 0;
  const items = (function* () {
    for (const value of generateRecords(options)) yield { line: ++line, value };
  })();
  await ingest(client, { items, rejects, refresh: true });
  await client.close();
  return stored;
}

/** The value of a field as Elasticsearch keys its terms: flags as "true"/"false", arrays spread. */
export function keysOf(record: AuthLogRecord, field: string): string[] {
  const value = getPath(record, field);
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** An independent evaluator of filter trees over records, for the oracle. */
export function matches(record: AuthLogRecord, node: FilterNode): boolean {
  if ('and' in node) return node.and.every((n) => matches(record, n));
  if ('or' in node) return node.or.some((n) => matches(record, n));
  if ('not' in node) return !matches(record, node.not);
  if ('text' in node) {
    const text = node.text.trim().toLowerCase();
    return (node.fields ?? SEARCHABLE_FIELDS).some((f) =>
      keysOf(record, f).some((k) => k.toLowerCase().includes(text)),
    );
  }
  const keys = keysOf(record, node.field);
  switch (node.op) {
    case 'eq':
      return keys.includes(String(node.value));
    case 'not':
      return !keys.includes(String(node.value));
    case 'in':
      return node.values.some((v) => keys.includes(String(v)));
    case 'exists':
      return keys.length > 0 === (node.value ?? true);
    case 'search':
      return keys.some((k) => k.toLowerCase().includes(node.value.toLowerCase()));
    case 'range':
      throw new Error('range is not used by the oracle');
  }
}

/** Counts per key, top N by count then key, and the rest. */
export function topCounts(records: AuthLogRecord[], field: string, top: number) {
  const counts = new Map<string, number>();
  for (const r of records) for (const k of keysOf(r, field)) counts.set(k, (counts.get(k) ?? 0) + 1);
  // Elasticsearch breaks ties by key in the field's own order: numeric for IPv4 addresses.
  const order = (k: string) =>
    /^\d+\.\d+\.\d+\.\d+$/.test(k)
      ? k
          .split('.')
          .map((o) => o.padStart(3, '0'))
          .join('.')
      : k;
  const rows = [...counts].sort((a, b) => b[1] - a[1] || (order(a[0]) < order(b[0]) ? -1 : 1)).slice(0, top);
  const inTop = rows.reduce((s, [, n]) => s + n, 0);
  return { rows, other: records.length - inTop, total: records.length };
}

export function inWindow(
  records: AuthLogRecord[],
  customer: string,
  from: number,
  to: number,
  filters?: FilterNode,
) {
  return records.filter((r) => {
    const t = Date.parse(r.ts);
    return r.customer_id === customer && t >= from && t < to && (!filters || matches(r, filters));
  });
}
