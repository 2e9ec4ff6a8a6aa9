import type { Client, estypes } from '@elastic/elasticsearch';
import { findingId } from '../detection/finding-id';

/**
 * Volume anomalies used to be stored one finding per anomalous value and window, with the id
 * findingId(customer, 'volume_anomaly', '<dimension>:<value>', '<window start ISO>/<hours>h'). They are
 * now one finding per incident under another id, so the per-window findings stored before stay beside
 * the incidents that supersede them and count twice. This removes them.
 *
 * A stored volume finding is a per-window one exactly when its id is that old id rebuilt from its own
 * details (dimension, value, hour, hours; incidents carry the same fields, under an incident's id): no
 * guess from the shape, and any other finding is left alone. This Elasticsearch has no
 * delete_by_query, so the findings are read page by page and deleted with bulk requests; a finding
 * already gone (another detector starting at the same time) is not counted, so running it again, or
 * twice at once, removes each finding once.
 */
export function legacyVolumeFindingId(customer: string, details: LegacyVolumeDetails): string | null {
  const { dimension, value, hour, hours } = details;
  if (typeof dimension !== 'string' || typeof value !== 'string') return null;
  if (typeof hour !== 'string' || typeof hours !== 'number') return null;
  return findingId(customer, 'volume_anomaly', `${dimension}:${value}`, `${hour}/${hours}h`);
}

/** The part of a stored volume finding's details the old id was made of (anything, as stored). */
interface LegacyVolumeDetails {
  dimension?: unknown;
  value?: unknown;
  hour?: unknown;
  hours?: unknown;
}

interface StoredVolumeFinding {
  id: string;
  customer: string;
  details?: LegacyVolumeDetails;
}

/** Findings read and deleted per request. */
const PAGE = 1000;

/**
 * Removes the per-window volume findings of `index`; returns how many it removed. `onRemoved` hears of
 * each bulk's deletions as they happen, so a caller that retries after a failure part-way still counts
 * what the failed attempt removed.
 */
export async function removeLegacyVolumeFindings(
  es: Client,
  index: string,
  onRemoved: (count: number) => void = () => undefined,
): Promise<number> {
  let removed = 0;
  let after: estypes.SortResults | undefined;
  // Whatever was stored up to now is searched, not only what the last periodic refresh showed.
  await es.indices.refresh({ index }, { ignore: [404] });
  for (;;) {
    const response = await es.search<StoredVolumeFinding>(
      {
        index,
        size: PAGE,
        track_total_hits: false,
        query: { term: { type: 'volume_anomaly' } },
        _source: ['id', 'customer', 'details'],
        sort: [{ id: 'asc' }],
        ...(after ? { search_after: after } : {}),
      },
      { ignore: [404] },
    );
    const hits = response.hits?.hits ?? [];
    const stale = hits.flatMap((hit) => {
      const f = hit._source;
      return f && hit._id === legacyVolumeFindingId(f.customer, f.details ?? {}) ? [hit._id] : [];
    });
    if (stale.length > 0) {
      const deleted = await deleteFindings(es, index, stale);
      removed += deleted;
      onRemoved(deleted);
    }
    if (hits.length < PAGE) return removed;
    after = hits[hits.length - 1]!.sort;
  }
}

async function deleteFindings(es: Client, index: string, ids: string[]): Promise<number> {
  const response = await es.bulk({
    operations: ids.map((id) => ({ delete: { _index: index, _id: id } })),
    refresh: 'wait_for',
  });
  let deleted = 0;
  for (const item of response.items) {
    const result = item.delete;
    if (result?.result === 'deleted') deleted += 1;
    else if (result?.status !== 404)
      throw new Error(
        `per-window volume finding ${result?._id} not removed: ${result?.error?.type}: ${result?.error?.reason ?? ''}`,
      );
  }
  return deleted;
}
