import { CONFLICTS_INDEX } from '../../ingest/conflicts';
import { LOAD_LOG_INDEX } from '../load-log';
import type { QualityContext } from './context';
import { DUPLICATES } from './record-checks';
import type { QualityThresholds } from './thresholds';
import { resultOf, type CheckResult } from './types';

/** Conflicting copies one stream delivered in the window, with a few of their txids. */
export interface StreamConflicts {
  stream: string;
  conflicts: number;
  txids: readonly string[];
}

/** How many txids a result names: enough to start looking in sightline-conflicts. */
const SHOWN = 5;

/**
 * A txid re-sent with other content is the duplicates check's graver case: the stored copy was kept
 * and the new one set aside, so what the source says about that attempt is now in doubt.
 */
export function judgeConflicts(s: StreamConflicts, t: QualityThresholds, at: string): CheckResult {
  return resultOf(DUPLICATES, at, {
    source: s.stream,
    subject: 'txids re-sent with different content',
    measured: s.conflicts,
    threshold: t.conflictingCopies,
    breached: s.conflicts > t.conflictingCopies,
    detail:
      s.conflicts === 0
        ? 'no txid arrived again with other content'
        : s.txids.length === 0
          ? `stored copies kept; the new ones were first recorded in ${CONFLICTS_INDEX} from another stream`
          : `stored copies kept, new ones in ${CONFLICTS_INDEX}: for instance ${s.txids.join(', ')}`,
  });
}

/** Range filter on the load log's commit time or a conflict's arrival. */
const between = (field: string, from: number, to: Date) => ({
  range: { [field]: { gt: new Date(from).toISOString(), lte: to.toISOString() } },
});

/**
 * Conflicting copies per stream that stored records in the window (the sink's partitions, file
 * ingests), as the load log counts them: a stream with none passes.
 */
export async function readConflicts(ctx: QualityContext): Promise<StreamConflicts[]> {
  const from = ctx.now.getTime() - ctx.thresholds.windowMs;
  const scope = ctx.streamPrefix ? [{ prefix: { stream: ctx.streamPrefix } }] : [];
  const [loads, named] = await Promise.all([
    ctx.client.search<unknown, { streams: { buckets: { key: string; conflicts: { value: number } }[] } }>({
      index: LOAD_LOG_INDEX,
      ignore_unavailable: true,
      size: 0,
      query: {
        bool: {
          // Only the loaders that store records in the auth log can meet a stored copy.
          filter: [between('@timestamp', from, ctx.now), { terms: { loader: ['sink', 'file'] } }, ...scope],
        },
      },
      aggs: {
        streams: {
          terms: { field: 'stream', size: 10_000 },
          aggs: { conflicts: { sum: { field: 'conflicts' } } },
        },
      },
    }),
    ctx.client.search<
      unknown,
      { streams: { buckets: { key: string; txids: { buckets: { key: string }[] } }[] } }
    >({
      index: CONFLICTS_INDEX,
      ignore_unavailable: true,
      size: 0,
      query: { bool: { filter: [between('@timestamp', from, ctx.now), ...scope] } },
      aggs: {
        streams: {
          terms: { field: 'stream', size: 10_000 },
          aggs: { txids: { terms: { field: 'txid', size: SHOWN } } },
        },
      },
    }),
  ]);
  const txids = new Map(
    (named.aggregations?.streams.buckets ?? []).map((b) => [b.key, b.txids.buckets.map((t) => t.key)]),
  );
  return (loads.aggregations?.streams.buckets ?? []).map((b) => ({
    stream: b.key,
    conflicts: b.conflicts.value,
    txids: txids.get(b.key) ?? [],
  }));
}

export async function conflicts(ctx: QualityContext): Promise<CheckResult[]> {
  const at = ctx.now.toISOString();
  return (await readConflicts(ctx)).map((s) => judgeConflicts(s, ctx.thresholds, at));
}
