/**
 * Where the live pipeline's parts find each other. Read from the environment once, by the CLI and
 * the API; every part takes the values it needs as arguments, so tests give each run its own topics,
 * group and shards.
 */

/** The firehose: every login attempt, keyed by customer so each customer's events stay in order. */
export const FIREHOSE_TOPIC = 'sightline.authlog';
/** Records the sink could not use, with the reason, source partition and offset in headers. */
export const DEAD_LETTER_TOPIC = 'sightline.authlog.dlq';
/** The consumer group that indexes the firehose into Elasticsearch. */
export const INDEXER_GROUP = 'sightline-indexer';
/** The consumer group that runs detection over the same firehose, at its own pace. */
export const DETECTOR_GROUP = 'sightline-detector';
/** The consumer group that keeps every firehose message as received in the raw archive (pipeline/archive). */
export const ARCHIVER_GROUP = 'sightline-archiver';
/** Enough partitions for a group of consumers to scale out (at least 6, by the design). */
export const FIREHOSE_PARTITIONS = 12;
/** A month of replay, with a margin: reprocessing rebuilds from the firehose. */
export const FIREHOSE_RETENTION_MS = 35 * 24 * 3_600_000;

export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';
/** The loopback-only account scripts/mariadb.sh creates. */
export const DEFAULT_MYSQL_URL = 'mysql://sightline:sightline@127.0.0.1:3306';
/** The demo system of record: two shards, separate schemas, each with its own increasing id. */
export const DEFAULT_SHARDS = ['sightline_shard_0', 'sightline_shard_1'] as const;

export interface PipelineConfig {
  brokers: string[];
  firehoseTopic: string;
  deadLetterTopic: string;
  indexerGroup: string;
  detectorGroup: string;
  /** One URL per shard, each naming its database (mysql://user:pass@host:port/db). */
  shardUrls: string[];
}

type Env = Record<string, string | undefined>;

/** The firehose topic: SIGHTLINE_FIREHOSE_TOPIC, or sightline.authlog. */
export const firehoseTopicFrom = (env: Env = process.env): string =>
  env.SIGHTLINE_FIREHOSE_TOPIC ?? FIREHOSE_TOPIC;

/** `KAFKA_BROKERS=host:port,host:port`. */
export function brokersFrom(value: string | undefined): string[] {
  const brokers = (value ?? DEFAULT_KAFKA_BROKERS)
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  for (const broker of brokers) {
    if (!/^[\w.-]+:\d{1,5}$/.test(broker) && !/^\[[\da-f:]+\]:\d{1,5}$/i.test(broker)) {
      throw new Error(`KAFKA_BROKERS: "${broker}" is not host:port`);
    }
  }
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS names no broker');
  return brokers;
}

/**
 * Shards from `SIGHTLINE_MYSQL_SHARDS` (comma-separated URLs, each naming its database: separate
 * servers) or `SIGHTLINE_MYSQL_URL` (one server) with the default shard schemas.
 */
export function shardUrlsFrom(env: Env): string[] {
  const listed = env.SIGHTLINE_MYSQL_SHARDS?.split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  const urls = listed?.length
    ? listed
    : DEFAULT_SHARDS.map(
        (db) => `${(env.SIGHTLINE_MYSQL_URL ?? DEFAULT_MYSQL_URL).replace(/\/+$/, '')}/${db}`,
      );
  for (const url of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`SIGHTLINE_MYSQL_SHARDS: "${url}" is not a URL`);
    }
    if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
      throw new Error(`SIGHTLINE_MYSQL_SHARDS: "${url}" must start with mysql://`);
    }
    if (parsed.pathname.replace(/^\//, '') === '') {
      throw new Error(`SIGHTLINE_MYSQL_SHARDS: "${url}" names no database`);
    }
  }
  return urls;
}

export function pipelineConfigFrom(env: Env = process.env): PipelineConfig {
  return {
    brokers: brokersFrom(env.KAFKA_BROKERS),
    firehoseTopic: firehoseTopicFrom(env),
    deadLetterTopic: env.SIGHTLINE_DEAD_LETTER_TOPIC ?? DEAD_LETTER_TOPIC,
    indexerGroup: env.SIGHTLINE_INDEXER_GROUP ?? INDEXER_GROUP,
    detectorGroup: env.SIGHTLINE_DETECTOR_GROUP ?? DETECTOR_GROUP,
    shardUrls: shardUrlsFrom(env),
  };
}
