import type { Client } from '@elastic/elasticsearch';
import { SUMMARY_INDEX_PREFIX, SUMMARY_VERSION } from './cubes';
import { SUMMARY_STATE_INDEX } from './state';

/** The summary version an index or state id belongs to (`…-v2`, `summariser-v2-…`), or null. */
export function summaryVersionOf(name: string): number | null {
  const match = /-v(\d+)$/.exec(name) ?? /^summariser-v(\d+)-/.exec(name);
  return match ? Number(match[1]) : null;
}

export interface Retired {
  indices: string[];
  states: string[];
}

/**
 * Deletes the summaries and summariser states of earlier summary versions. Called once the current
 * version has rebuilt every customer, so no report of this version reads them, and an API of the
 * earlier version (gone with the upgrade) would have nothing to fall back on anyway: its coverage
 * state goes with them, so it would read the records. Versions above this one are left alone: a
 * newer summariser may be running beside this one during an upgrade.
 */
export async function retireEarlierSummaries(es: Client): Promise<Retired> {
  const earlier = (name: string) => {
    const version = summaryVersionOf(name);
    return version !== null && version < SUMMARY_VERSION;
  };
  const listed = await es.cat.indices({ index: `${SUMMARY_INDEX_PREFIX}-*`, format: 'json', h: 'index' });
  const indices = listed.flatMap((row) => (row.index && earlier(row.index) ? [row.index] : [])).sort();
  if (indices.length > 0) await es.indices.delete({ index: indices, ignore_unavailable: true });
  const found = await es.search(
    { index: SUMMARY_STATE_INDEX, size: 1000, _source: false, query: { match_all: {} } },
    { ignore: [404] },
  );
  const states = (found.hits?.hits ?? []).flatMap((h) => (h._id && earlier(h._id) ? [h._id] : [])).sort();
  if (states.length > 0)
    await es.bulk({
      refresh: true,
      operations: states.map((id) => ({ delete: { _index: SUMMARY_STATE_INDEX, _id: id } })),
    });
  return { indices, states };
}
