import type { estypes } from '@elastic/elasticsearch';
import type { EsSearchResponse } from '../../reports';
import {
  freshnessAt,
  newestStoredRequest,
  parseNewestStored,
  type LagReading,
  type NewestStored,
} from './freshness';
import { lastBatchesRequest, parseLastBatches } from './last-batches';
import { DEFAULT_THRESHOLDS, pipelineStatus } from './status';
import { lagReader, type LagResult } from './lag-reading';
import { ttlCache } from './ttl-cache';
import { PAUSED_REQUEST, pausedFrom } from '../pauses';
import type {
  Freshness,
  KafkaHealth,
  PipelineHealth,
  PipelinePort,
  PipelineThresholds,
} from '@sightline/schema/api-schemas';
import { FIREHOSE_TOPIC } from '../config';

/** The search the health reads need; the API's SearchPort and the real client satisfy it. */
export interface HealthSearch {
  search(params: estypes.SearchRequest, options?: { signal?: AbortSignal }): Promise<EsSearchResponse>;
}

export interface HealthReaderDeps {
  es: HealthSearch;
  /** Absent when Kafka is not configured for this API: lag is then reported unknown. */
  pipeline?: PipelinePort;
  now?: () => Date;
  thresholds?: PipelineThresholds;
  /** Monotonic ms for the caches; injected by tests. */
  clock?: () => number;
}

/** Freshness is asked for every few seconds by every open dashboard: one search per customer and second. */
export const NEWEST_CACHE_MS = 1_000;
const ALL_CUSTOMERS = '*';
const NOT_CONFIGURED = 'Kafka is not configured for this API (KAFKA_BROKERS)';

/**
 * Reads freshness and pipeline health for the API. Holds nothing but a moment's cache, so any number
 * of API instances give the same answers.
 */
export function healthReader(deps: HealthReaderDeps) {
  const now = deps.now ?? (() => new Date());
  const thresholds = deps.thresholds ?? DEFAULT_THRESHOLDS;
  const clock = deps.clock ? { clock: deps.clock } : {};
  const newestCache = ttlCache<NewestStored>({ ttlMs: NEWEST_CACHE_MS, ...clock });
  const firehoseTopic = deps.pipeline?.firehoseTopic ?? FIREHOSE_TOPIC;

  // Cached answers are shared between requests, so none is tied to one request's abort signal.
  const newest = (customer: string | null) =>
    newestCache.get(customer ?? ALL_CUSTOMERS, async () =>
      parseNewestStored(await deps.es.search(newestStoredRequest(customer))),
    );

  const readLag = deps.pipeline ? lagReader(deps.pipeline, deps.clock) : null;
  const lag = (): Promise<LagResult> =>
    readLag ? readLag() : Promise.resolve({ ok: false, reason: NOT_CONFIGURED });

  const reading = (result: LagResult): LagReading =>
    result.ok
      ? { lag: result.lag.partitions.reduce((sum, p) => sum + p.lag, 0) }
      : { lag: null, reason: result.reason };

  return {
    /** For one customer, or every customer when `customer` is null (admin tokens naming none). */
    async freshness(customer: string | null): Promise<Freshness> {
      const [stored, lagResult] = await Promise.all([newest(customer), lag()]);
      return freshnessAt(customer, stored, reading(lagResult), now());
    },

    async pipeline(): Promise<PipelineHealth> {
      const [batches, stored, lagResult, paused] = await Promise.all([
        deps.es.search(lastBatchesRequest(firehoseTopic)),
        newest(null),
        lag(),
        deps.es.search(PAUSED_REQUEST),
      ]);
      const at = now();
      const { shards, firehose } = parseLastBatches(batches, firehoseTopic, at);
      const port = deps.pipeline;
      const kafka: KafkaHealth =
        port && lagResult.ok
          ? {
              available: true,
              topic: port.firehoseTopic,
              group: port.indexerGroup,
              totalLag: lagResult.lag.partitions.reduce((sum, p) => sum + p.lag, 0),
              partitions: [...lagResult.lag.partitions].sort((a, b) => a.partition - b.partition),
              deadLetterTopic: port.deadLetterTopic,
              deadLetters: lagResult.lag.deadLetters,
            }
          : { available: false, reason: lagResult.ok ? NOT_CONFIGURED : lagResult.reason };
      const { status, reasons } = pipelineStatus({ kafka: port ? kafka : null, firehose, thresholds });
      return {
        status,
        reasons,
        thresholds,
        checkedAt: at.toISOString(),
        kafka,
        shards,
        firehose,
        freshness: freshnessAt(null, stored, reading(lagResult), at),
        paused: pausedFrom(paused).map((p) => ({
          source: p.source,
          since: p['@timestamp'],
          check: p.check ?? null,
          reason: p.reason,
          by: p.by,
        })),
      };
    },
  };
}

export type HealthReader = ReturnType<typeof healthReader>;
