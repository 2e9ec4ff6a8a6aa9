import type { Client } from '@elastic/elasticsearch';
import {
  ALL_SUMMARY_INDICES,
  SUMMARY_STATE_INDEX,
  summaryIndexEnsurer,
  summaryStateEnsurer,
  writeSummaryState,
} from '../packages/query-api/src/summaries';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest, RejectFile, type IngestOptions } from '../packages/query-api/src/ingest';
import { cleanTestMonth } from './ingest.support';

/**
 * Ingests `records` as a file load does, refreshed at once, under load-log stream `stream` (false:
 * no entry). Each load needs a stream of its own: entries of one stream and lines replace each other.
 */
export async function loadRecords(
  es: Client,
  records: Iterable<Record<string, unknown>>,
  stream: string | false,
): Promise<Awaited<ReturnType<typeof ingest>>> {
  const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'sl-summ-')), 'rejects.ndjson'));
  let line = 0;
  const items: IngestOptions['items'] = (function* () {
    for (const value of records) yield { line: ++line, value };
  })();
  return ingest(es, { items, rejects, refresh: true, loadLog: stream === false ? false : { stream } });
}

/**
 * A test file's own summariser: its month and customers cleaned, its summaries deleted, and a state
 * of its own that starts from now (what other files loaded before is not this file's business).
 */
export async function startTestSummaries(es: Client, prefix: string, month: string, state: string) {
  await cleanTestMonth(es, prefix, month);
  await summaryIndexEnsurer(es)();
  await summaryStateEnsurer(es)();
  await deleteSummaries(es, prefix);
  await writeSummaryState(
    es,
    { watermark: Date.now(), through: 0, pending: [], customers: [], updatedAt: Date.now() },
    state,
  );
}

/** Removes what startTestSummaries and the file's loads left: summaries, state, records. */
export async function endTestSummaries(es: Client, prefix: string, month: string, state: string) {
  await deleteSummaries(es, prefix);
  await es.delete({ index: SUMMARY_STATE_INDEX, id: state, refresh: true }, { ignore: [404] });
  await cleanTestMonth(es, prefix, month);
}

/** Deletes every summary document of the customers whose ids start with `prefix`, in every cube (by id: this Elasticsearch has no delete-by-query). */
export async function deleteSummaries(es: Client, prefix: string): Promise<void> {
  for (const index of ALL_SUMMARY_INDICES) {
    await es.indices.refresh({ index, ignore_unavailable: true });
    for (;;) {
      const hits = await es.search(
        { index, size: 5000, _source: false, query: { prefix: { customer_id: prefix } } },
        { ignore: [404] },
      );
      const ids = (hits.hits?.hits ?? []).map((h) => h._id!);
      if (ids.length === 0) break;
      await es.bulk({ refresh: true, operations: ids.map((id) => ({ delete: { _index: index, _id: id } })) });
    }
  }
}

/** Every summary document of `customer`, in every cube, as index/id → source. */
export async function summariesOf(es: Client, customer: string): Promise<Map<string, unknown>> {
  const indices = ALL_SUMMARY_INDICES;
  await es.indices.refresh({ index: indices, ignore_unavailable: true });
  const docs = new Map<string, unknown>();
  let after: (string | number)[] | undefined;
  for (;;) {
    const response = await es.search({
      index: indices,
      ignore_unavailable: true,
      size: 5000,
      query: { term: { customer_id: customer } },
      sort: [{ summary_key: 'asc' }],
      ...(after ? { search_after: after } : {}),
    });
    const hits = response.hits.hits;
    for (const hit of hits) docs.set(`${hit._index}/${hit._id}`, hit._source);
    if (hits.length < 5000) return docs;
    after = hits.at(-1)!.sort as (string | number)[];
  }
}
