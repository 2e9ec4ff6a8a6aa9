import type { Client } from '@elastic/elasticsearch';
import type { PipelineConfig } from '../pipeline/config';
import { LOAD_LOG_INDEX, type LoadLogEntry } from '../pipeline/load-log';
import { indexTemplate } from '../ingest/template';
import { MAPPING_VERSION } from '../store/mapping';
import { type AuthLogRecord } from '@sightline/schema';
import { isAlreadyExists } from '../store/own-index';
import { archivePlan } from './archive-plan';
import { fingerprintFrom, fingerprintRequest } from './fingerprint';
import { FirehoseReader } from './firehose-reader';
import { parseVersion, periodRange, rebuildVersion, versionsPattern } from './names';
import { VersionRegistry, type VersionRecord } from './registry';
import { replayInto, ReplayStoppedError } from './replay-into';
import { partitionOf, replayPlan } from './replay-plan';
import { versionsInUse } from './write-alias';

export interface ReprocessOptions {
  es: Client;
  config: Pick<PipelineConfig, 'brokers' | 'firehoseTopic'>;
  period: string;
  /**
   * The raw archive's root (pipeline/archive): the records of the segments the load log lists are
   * read from there; the firehose only for what no segment holds. Without it, the firehose only.
   */
  archiveDir?: string;
  /**
   * A change of the enrichment under trial, applied to each record after the normal normalisation
   * (null drops the record). For code that rebuilds with a candidate change before it is merged
   * into ingest/normalise.ts; the CLI rebuilds with the code as it is.
   */
  adjust?: (record: AuthLogRecord) => AuthLogRecord | null;
  /**
   * Rebuild only this customer's records; the other customers' are carried over as stored in the
   * version in use, so the new version still holds the whole month.
   */
  customer?: string;
  /** Stops after the fetch in hand; the version stays `building` and a re-run resumes into it. */
  signal?: AbortSignal;
  /** After each fetch of the firehose was handed to the indexer. */
  onProgress?: (progress: ReprocessProgress) => void;
}

export interface ReprocessProgress {
  version: string;
  fetches: number;
  read: number;
  stored: number;
}

export interface ReprocessResult extends VersionRecord {
  /** True when a version left unfinished by an earlier run was completed instead of a new one made. */
  resumed: boolean;
  /** Raw archive segments read. */
  segments: number;
  /** File loads of the period the archive does not hold (loaded before it existed, or --no-archive). */
  unarchivedFiles: string[];
}

export class ReprocessAbortedError extends Error {
  override name = 'ReprocessAbortedError';
}

const PAGE = 10_000;

type EndsAggs = {
  streams: { buckets: { key: string; last: { hits: { hits: { _source: LoadLogEntry }[] } } }[] };
};

/** The load log's entries in `scope` whose events overlap the period, every one (paged). */
async function overlapping(es: Client, scope: object[], period: string): Promise<LoadLogEntry[]> {
  const { from, to } = periodRange(period);
  const entries: LoadLogEntry[] = [];
  let after: estypesSort | undefined;
  for (;;) {
    const page = await es.search<LoadLogEntry>({
      index: LOAD_LOG_INDEX,
      size: PAGE,
      query: {
        bool: {
          filter: [...scope, { range: { event_from: { lt: to } } }, { range: { event_to: { gte: from } } }],
        },
      },
      sort: [{ '@timestamp': 'asc' }, { from: 'asc' }, { stream: 'asc' }],
      ...(after ? { search_after: after } : {}),
    });
    const hits = page.hits.hits;
    entries.push(...hits.map((h) => h._source!));
    if (hits.length < PAGE) break;
    after = hits[hits.length - 1]!.sort as estypesSort;
  }
  return entries;
}

type SpanAggs = {
  streams: {
    buckets: {
      key: string;
      first: { hits: { hits: { _source: Pick<LoadLogEntry, 'from'> }[] } };
      last: { hits: { hits: { _source: Pick<LoadLogEntry, 'to'> }[] } };
    }[];
  };
};

/**
 * Per partition of the topic, the span of offsets its archive holds: from the first offset of its
 * earliest segments to the last of its newest (offsets are keywords: the extreme of a few is taken
 * rather than a min or max aggregation).
 */
async function archivedSpans(es: Client, topic: string) {
  const found = await es.search<never, SpanAggs>({
    index: LOAD_LOG_INDEX,
    size: 0,
    query: {
      bool: { filter: [{ term: { loader: 'archive' } }, { prefix: { stream: `archive/${topic}/` } }] },
    },
    aggs: {
      streams: {
        terms: { field: 'stream', size: 10_000 },
        aggs: {
          first: { top_hits: { size: 20, sort: [{ '@timestamp': 'asc' }], _source: ['from'] } },
          last: { top_hits: { size: 20, sort: [{ '@timestamp': 'desc' }], _source: ['to'] } },
        },
      },
    },
  });
  const spans = new Map<number, { from: bigint; to: bigint }>();
  for (const b of found.aggregations?.streams.buckets ?? []) {
    const partition = partitionOf(topic, b.key.slice('archive/'.length));
    if (partition === null) continue;
    const froms = b.first.hits.hits.map((h) => BigInt(h._source.from));
    const tos = b.last.hits.hits.map((h) => BigInt(h._source.to));
    if (froms.length === 0 || tos.length === 0) continue;
    spans.set(partition, {
      from: froms.reduce((a, v) => (v < a ? v : a)),
      to: tos.reduce((a, v) => (v > a ? v : a)),
    });
  }
  return spans;
}

/**
 * What holds the period's records: the raw archive's segments that overlap it, and the load log's
 * sink batches of the topic that hold events of the period (read from the firehose where no archive
 * holds them); and where each partition's record ended when the replay was planned.
 */
async function planFor(es: Client, topic: string, period: string, withArchive: boolean) {
  const scope = [{ term: { loader: 'sink' } }, { prefix: { stream: `${topic}/` } }];
  // Batches committed a moment ago count too: the plan is read once, so it may as well be complete.
  await es.indices.refresh({ index: LOAD_LOG_INDEX });
  const entries = await overlapping(es, scope, period);
  // The newest batches of each partition say where its record ends; offsets are keywords, so the
  // largest of the last few is taken rather than a max aggregation.
  const ends = await es.search<never, EndsAggs>({
    index: LOAD_LOG_INDEX,
    size: 0,
    query: { bool: { filter: scope } },
    aggs: {
      streams: {
        terms: { field: 'stream', size: 10_000 },
        aggs: {
          last: { top_hits: { size: 20, sort: [{ '@timestamp': 'desc' }], _source: ['stream', 'to'] } },
        },
      },
    },
  });
  const recorded = (ends.aggregations?.streams.buckets ?? []).flatMap((b) =>
    b.last.hits.hits.map((h) => h._source),
  );
  const plan = replayPlan(topic, entries, recorded);
  if (!withArchive)
    return { plan, archive: { segments: [], ranges: plan.ranges, unarchivedFiles: [] }, entries };
  const archive = archivePlan(
    topic,
    plan.ranges,
    await overlapping(es, [{ term: { loader: 'archive' } }], period),
    await archivedSpans(es, topic),
    (await overlapping(es, [{ term: { loader: 'file' } }], period)).map((e) => e.stream),
  );
  return { plan, archive, entries };
}
type estypesSort = (string | number)[];

/** Ingestion time of each replayed offset, from the batch that first stored it, so watermarks keep their meaning. */
function ingestionTimes(topic: string, entries: readonly LoadLogEntry[]) {
  const byPartition = new Map<number, { from: bigint; to: bigint; at: string }[]>();
  for (const e of entries) {
    if (!e.ingested_from) continue;
    const partition = Number(e.stream.slice(topic.length + 1));
    const list = byPartition.get(partition) ?? [];
    list.push({ from: BigInt(e.from), to: BigInt(e.to), at: e.ingested_from });
    byPartition.set(partition, list);
  }
  for (const list of byPartition.values()) list.sort((a, b) => (a.from < b.from ? -1 : 1));
  return (partition: number, offset: bigint, fallback: string): string => {
    const list = byPartition.get(partition) ?? [];
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = list[mid]!;
      if (offset < r.from) hi = mid - 1;
      else if (offset > r.to) lo = mid + 1;
      else return r.at;
    }
    return fallback;
  };
}

/** The version to build into: an unfinished one of the period is resumed, else the next revision. */
async function chooseVersion(es: Client, registry: VersionRegistry, period: string) {
  const known = await registry.list(period);
  const unfinished = known.filter((v) => v.state === 'building').at(-1);
  if (unfinished) return { index: unfinished.index, revision: unfinished.revision, resumed: true };
  const existing = (await es.cat.indices({
    index: versionsPattern(period),
    format: 'json',
    h: 'index',
    expand_wildcards: 'all',
  })) as { index?: string }[];
  const revisions = [
    0,
    ...known.map((v) => v.revision),
    ...existing.map((i) => parseVersion(i.index ?? '')?.revision ?? 0),
  ];
  const revision = Math.max(...revisions) + 1;
  return { index: rebuildVersion(period, revision), revision, resumed: false };
}

/** Creates a version's index with the template's settings and mapping but none of its aliases. */
async function createVersionIndex(es: Client, index: string): Promise<void> {
  const { settings, mappings } = indexTemplate().template;
  await es.indices.create({ index, settings, mappings } as never).catch((error: unknown) => {
    if (!isAlreadyExists(error)) throw error;
  });
}

/**
 * Copies the records of every customer but `customer` from the version in use into `index`, as
 * stored (their ids kept, so a re-run copies onto the same documents). Returns how many were copied.
 */
async function carryOver(
  es: Client,
  period: string,
  index: string,
  customer: string,
  signal?: AbortSignal,
): Promise<number> {
  const inUse = await versionsInUse(es, period);
  if (inUse.length !== 1) {
    throw new Error(
      `cannot carry the other customers over: ${inUse.length} versions of ${period} are in use`,
    );
  }
  let copied = 0;
  let page = await es.search<Record<string, unknown>>({
    index: inUse[0]!,
    scroll: '2m',
    size: 5000,
    sort: ['_doc'],
    query: { bool: { must_not: [{ term: { customer_id: customer } }] } },
  });
  try {
    while (page.hits.hits.length > 0) {
      if (signal?.aborted) throw new ReplayStoppedError('stopped');
      const operations = page.hits.hits.flatMap((h) => [
        { index: { _index: index, _id: h._id! } },
        h._source!,
      ]);
      const response = await es.bulk({ operations, filter_path: 'errors,items.*.error' });
      if (response.errors) {
        const failed = response.items.flatMap((i) => Object.values(i)).find((r) => r?.error);
        throw new Error(
          `copying the other customers into ${index} failed: ${failed?.error?.reason ?? 'unknown'}`,
        );
      }
      copied += page.hits.hits.length;
      page = await es.scroll<Record<string, unknown>>({ scroll_id: page._scroll_id!, scroll: '2m' });
    }
  } finally {
    if (page._scroll_id) await es.clearScroll({ scroll_id: page._scroll_id }).catch(() => undefined);
  }
  return copied;
}

/** Fingerprints one version with one search. */
export async function fingerprintOf(es: Client, index: string) {
  return fingerprintFrom(await es.search(fingerprintRequest(index)));
}

/**
 * Rebuilds one period into a new version from the firehose: the offsets the load log says held its
 * events are fetched again, read by the sink's own code (normalise and enrich as the code stands)
 * and indexed by txid into a version index nobody reads. The versions in use are not touched; a run
 * stopped half-way leaves the version `building`, and the next run for the period completes it.
 */
export async function reprocessPeriod(options: ReprocessOptions): Promise<ReprocessResult> {
  const { es, period } = options;
  const topic = options.config.firehoseTopic;
  const registry = new VersionRegistry(es);
  const { plan, archive, entries } = await planFor(es, topic, period, options.archiveDir !== undefined);
  if (archive.ranges.length === 0 && archive.segments.length === 0) {
    throw new Error(
      `the load log has no archive segment and no batch of the firehose ${topic} with events in ${period}: nothing to rebuild from`,
    );
  }
  const chosen = await chooseVersion(es, registry, period);
  await createVersionIndex(es, chosen.index);
  const previous = chosen.resumed ? await registry.get(chosen.index) : null;
  const record: VersionRecord = {
    index: chosen.index,
    period,
    revision: chosen.revision,
    mapping_version: MAPPING_VERSION,
    state: 'building',
    created: previous?.created ?? new Date().toISOString(),
    topic,
    recorded_end: plan.recordedEnd,
    ranges: archive.ranges.length,
    read: 0,
    stored: 0,
    rejected: 0,
  };
  await registry.put(record);

  const ingestedAt = ingestionTimes(topic, entries);
  const now = new Date().toISOString();
  // Only when something is not in the archive: a period wholly archived is rebuilt without the topic.
  const reader = archive.ranges.length > 0 ? new FirehoseReader(options.config, topic) : undefined;
  try {
    const totals = await replayInto({
      es,
      reader,
      index: chosen.index,
      period,
      ranges: archive.ranges,
      archive: options.archiveDir ? { root: options.archiveDir, segments: archive.segments } : undefined,
      ingestedAt: (partition, offset, received) => ingestedAt(partition, offset, received ?? now),
      adjust: options.adjust,
      customer: options.customer,
      signal: options.signal,
      onFetch: (t) =>
        options.onProgress?.({ version: chosen.index, fetches: t.fetches, read: t.read, stored: t.stored }),
    });
    Object.assign(record, { read: totals.read, stored: totals.stored, rejected: totals.rejected });
    if (options.customer !== undefined) {
      record.stored += await carryOver(es, period, chosen.index, options.customer, options.signal);
    }
  } catch (error) {
    if (error instanceof ReplayStoppedError) {
      throw new ReprocessAbortedError(
        `reprocess of ${period} stopped before the end; run it again to complete ${chosen.index}`,
      );
    }
    throw error;
  } finally {
    await reader?.close();
  }
  await es.indices.refresh({ index: chosen.index });
  record.fingerprint = await fingerprintOf(es, chosen.index);
  record.state = 'built';
  record.built_at = new Date().toISOString();
  await registry.put(record);
  return {
    ...record,
    resumed: chosen.resumed,
    segments: archive.segments.length,
    unarchivedFiles: archive.unarchivedFiles,
  };
}
