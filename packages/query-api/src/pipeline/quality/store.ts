import type { Client, estypes } from '@elastic/elasticsearch';
import { ownIndexCreator } from '../../store/own-index';
import type { CheckResult } from './types';

/** Every result of every run, so a check's history is kept next to its latest answer. */
export const QUALITY_INDEX = 'sightline-quality';

const mappings: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    check: { type: 'keyword' },
    severity: { type: 'keyword' },
    policy: { type: 'keyword' },
    kind: { type: 'keyword' },
    status: { type: 'keyword' },
    measured: { type: 'double' },
    threshold: { type: 'double' },
    at: { type: 'date' },
    source: { type: 'keyword' },
    subject: { type: 'keyword' },
    detail: { type: 'text', index: false },
  },
};

/** Stores one run's results; the id makes a run stored twice (a retry) stored once. */
export async function recordResults(client: Client, results: readonly CheckResult[]): Promise<void> {
  if (results.length === 0) return;
  await ownIndexCreator(client, QUALITY_INDEX, mappings)();
  const response = await client.bulk({
    index: QUALITY_INDEX,
    refresh: 'wait_for',
    operations: results.flatMap((r) => [
      { index: { _id: `${r.at}|${r.check}|${r.source}|${r.subject}` } },
      r,
    ]),
    filter_path: 'errors,items.*.error',
  });
  if (response.errors) {
    const failed = response.items.flatMap((item) => Object.values(item)).find((i) => i?.error);
    throw new Error(`the quality index refused a result: ${failed?.error?.reason ?? 'no reason given'}`);
  }
}

/** The results of the newest run whose sources start with `sourcePrefix`, worst first. */
export async function latestResults(client: Client, sourcePrefix?: string): Promise<CheckResult[]> {
  const scope = sourcePrefix ? [{ prefix: { source: sourcePrefix } }] : [];
  const newest = await client.search<CheckResult>({
    index: QUALITY_INDEX,
    ignore_unavailable: true,
    size: 1,
    query: { bool: { filter: scope } },
    sort: [{ at: 'desc' }],
    _source: ['at'],
  });
  const at = newest.hits.hits[0]?._source?.at;
  if (at === undefined) return [];
  const found = await client.search<CheckResult>({
    index: QUALITY_INDEX,
    size: 10_000,
    query: { bool: { filter: [{ term: { at } }, ...scope] } },
  });
  return found.hits.hits.map((h) => h._source!).sort(worstFirst);
}

const RANK = { fail: 0, warn: 1, pass: 2 } as const;

export function worstFirst(a: CheckResult, b: CheckResult): number {
  return (
    RANK[a.status] - RANK[b.status] ||
    a.check.localeCompare(b.check) ||
    a.source.localeCompare(b.source) ||
    a.subject.localeCompare(b.subject)
  );
}
