import { errors, type Client } from '@elastic/elasticsearch';
import { Consumer, ProduceAcks, Producer, type Message, type MessagesStream } from '@platformatic/kafka';
import { BulkIndexer } from '../../ingest/bulk';
import { ensureTemplate } from '../../ingest/template';
import { conflictJudge } from '../../ingest/conflicts';
import { esBulkTransport } from '../../ingest/transport';
import type { TemplateOptions } from '../../ingest/template';
import { writeAliasForTimestamp } from '../../versions/names';
import { WritablePeriods } from '../../versions/write-alias';
import type { PipelineConfig } from '../config';
import { ensureLoadLogFields, LoadLogRefusedError, recordLoads } from '../load-log';
import { PauseStore, PauseWatch } from '../pauses';
import { BatchReader } from './batch-reader';
import { chunksBySize } from './chunks';
import { clientIdFor, kafkaClientOptions } from './client';
import { deadLetterMessage, type DeadLetter } from './dead-letter';
import { closeConsumer, commit } from './offsets';
import { PartitionHolds, partitionStream } from './partition-holds';
import { prepareBatch, sourceHeader, type SinkItem } from './sink-batch';
import { emptyTotals, formatTotals, PartitionStats, type SinkTotals } from './sink-stats';
import {
  CLOSE_DEADLINE_MS,
  describeError,
  retryDelay,
  retryPausingFetch,
  sleepUnlessStopped,
  StoppedError,
  within,
} from './retry';

type KafkaMessage = Message<Buffer, Buffer, Buffer, Buffer>;

export interface SinkOptions {
  config: Pick<PipelineConfig, 'brokers' | 'firehoseTopic' | 'deadLetterTopic' | 'indexerGroup'>;
  es: Client;
  /** Aborting stops fetching, finishes or drops the batch in hand, commits what was stored, leaves the group. */
  signal: AbortSignal;
  /** Most messages per batch. */
  batchMessages?: number;
  /** Most bytes of records (keys and values) per batch. */
  batchBytes?: number;
  /** Most messages fetched ahead while a batch is being stored (the stream's buffer; default half a batch). */
  fetchAheadMessages?: number;
  /** How long a batch waits to fill once its first message arrived. */
  lingerMs?: number;
  bulkDocs?: number;
  bulkBytes?: number;
  /** Bulk requests in flight for one batch. */
  concurrency?: number;
  /** The group's session timeout: how soon a killed member's partitions move to the others. */
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** Progress line every this many batches (and at least every progressMs). */
  progressEvery?: number;
  progressMs?: number;
  log: (line: string) => void;
  /**
   * The index a record goes to. Default: its month's write alias, which points at the version in
   * use, so after a version switch new records land in the new version (versions/write-alias.ts).
   */
  indexName?: (ts: string) => string;
  /** Shards and replicas of months the sink creates (default: the schema's). */
  layout?: TemplateOptions;
  /**
   * Which partitions are paused (a quality check's pause, see pipeline/pauses.ts): their records wait
   * in Kafka until resumed. Default: read from Elasticsearch at most every 5 s.
   */
  pauses?: PauseWatch;
  /** How often the sink asks whether a partition was paused or resumed. */
  pauseCheckMs?: number;
}

/**
 * Batches of 5,000 in two bulk requests of 2,500 in flight, half a batch fetched ahead: measured by
 * `npm run bench -- pipeline` (bench/results/pipeline.md). Batches of 2,000 left Elasticsearch one
 * request at a time; batches of 10,000 with as many fetched ahead held 450 MB resident.
 */
export const SINK_DEFAULTS = {
  batchMessages: 5000,
  batchBytes: 16 * 1024 * 1024,
  lingerMs: 200,
  bulkDocs: 2500,
  bulkBytes: 8 * 1024 * 1024,
  concurrency: 2,
  sessionTimeoutMs: 30_000,
} as const;

const FETCH_MAX_BYTES = 4 * 1024 * 1024;
const FETCH_MAX_BYTES_PER_PARTITION = 1024 * 1024;

/**
 * The Elasticsearch sink: a member of the indexer group that indexes the firehose. Per batch:
 * normalise, bulk index (txid as id), dead-letter what is unusable, and only once Elasticsearch
 * acknowledged every record and the dead letters are acknowledged, commit the offsets and append the
 * load log. Anything not committed is redelivered (after a crash or a rebalance) and stored once.
 */
export async function runSink(options: SinkOptions): Promise<SinkTotals> {
  const sink = new Sink(options);
  return sink.run();
}

class Sink {
  private readonly o: Required<Omit<SinkOptions, 'indexName'>> & { indexName: (ts: string) => string };
  private readonly totals = emptyTotals();
  private readonly deadLetters: Producer;
  private stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | null = null;
  private lastProgress = Date.now();
  private lastProgressBatches = 0;
  /** Months whose write alias is known to exist; null when the caller names the indices itself. */
  private readonly writable: WritablePeriods | null;

  constructor(options: SinkOptions) {
    this.o = {
      ...SINK_DEFAULTS,
      heartbeatIntervalMs: 3000,
      progressEvery: 100,
      progressMs: 10_000,
      indexName: writeAliasForTimestamp,
      layout: {},
      pauses: new PauseWatch(new PauseStore(options.es)),
      pauseCheckMs: 1000,
      ...options,
      fetchAheadMessages:
        options.fetchAheadMessages ?? Math.ceil((options.batchMessages ?? SINK_DEFAULTS.batchMessages) / 2),
    };
    this.writable = options.indexName ? null : new WritablePeriods(options.es);
    this.deadLetters = new Producer({
      ...kafkaClientOptions(this.o.config, clientIdFor('sink-dead-letters')),
      idempotent: true,
      acks: ProduceAcks.ALL,
    });
    this.deadLetters.on('error', (error: Error) =>
      this.o.log(`consume: dead letters: ${describeError(error)}`),
    );
  }

  async run(): Promise<SinkTotals> {
    const { signal, log } = this.o;
    try {
      await this.retrying('Elasticsearch (template and load log)', async () => {
        await ensureTemplate(this.o.es, this.o.layout);
        await ensureLoadLogFields(this.o.es);
      });
      let attempt = 0;
      while (!signal.aborted) {
        const { delivered, resumed } = await this.session();
        if (signal.aborted) break;
        if (resumed) continue;
        attempt = delivered ? 0 : attempt + 1;
        const ms = retryDelay(attempt);
        log(`consume: reconnecting to Kafka in ${(ms / 1000).toFixed(1)} s`);
        await sleepUnlessStopped(ms, signal).catch(() => undefined);
      }
    } catch (error) {
      if (!(error instanceof StoppedError)) throw error;
    } finally {
      await within(this.deadLetters.close(), CLOSE_DEADLINE_MS, 'closing the dead-letter producer').catch(
        (error: unknown) => log(`consume: ${describeError(error)}`),
      );
    }
    log(`consume: stopped after ${formatTotals(this.totals)}`);
    return this.totals;
  }

  /**
   * One membership of the group, until stopped, the connection fails, or a held partition is resumed
   * (then a new membership reads it from its committed offset at once). Says whether it stored anything.
   */
  private async session(): Promise<{ delivered: boolean; resumed: boolean }> {
    const { config, signal, log } = this.o;
    const consumer = new Consumer<Buffer, Buffer, Buffer, Buffer>({
      ...kafkaClientOptions(config, clientIdFor('sink')),
      groupId: config.indexerGroup,
      sessionTimeout: this.o.sessionTimeoutMs,
      heartbeatInterval: this.o.heartbeatIntervalMs,
      rebalanceTimeout: Math.max(this.o.sessionTimeoutMs, 60_000),
      autocommit: false,
      maxBytes: FETCH_MAX_BYTES,
      maxBytesPerPartition: FETCH_MAX_BYTES_PER_PARTITION,
      maxWaitTime: 1000,
      highWaterMark: this.o.fetchAheadMessages,
    });
    // The client reports failed rejoins as 'error' events: without a listener they would end the process.
    consumer.on('error', (error: Error) => log(`consume: ${describeError(error)}`));
    const holds = new PartitionHolds({ topic: config.firehoseTopic, watch: this.o.pauses, consumer, log });
    let resumed = false;
    let reader: BatchReader<KafkaMessage> | null = null;
    // Ends this membership so the next one reads the resumed partition from its committed offset.
    const rejoinForResumed = () => {
      log('consume: a held partition was resumed; joining again to read it from its committed offset');
      resumed = true;
      reader?.stop();
    };
    consumer.on('consumer:group:join', ({ assignments }) => {
      // Before the stream's own listener, which reads the assignment to fetch from.
      if (holds.joined(assignments ?? null)) rejoinForResumed();
      const partitions = (assignments ?? [])
        .filter((a) => a.topic === config.firehoseTopic)
        .flatMap((a) => a.partitions);
      log(
        `consume: joined ${config.indexerGroup}, partitions [${partitions.sort((a, b) => a - b).join(',')}]`,
      );
    });
    const before = this.totals.read;
    const onAbort = () => {
      this.stream?.pause();
      reader?.stop();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    let checking = false;
    const pauseChecks = setInterval(() => {
      if (checking || resumed) return;
      checking = true;
      holds
        .check()
        .then((lifted) => {
          if (lifted) rejoinForResumed();
        })
        .finally(() => {
          checking = false;
        });
    }, this.o.pauseCheckMs);
    try {
      // The first join holds what is paused already.
      await this.o.pauses.refresh();
      this.stream = await consumer.consume({
        topics: [config.firehoseTopic],
        mode: 'committed',
        fallbackMode: 'earliest',
        autocommit: false,
        highWaterMark: this.o.fetchAheadMessages,
      });
      reader = new BatchReader<KafkaMessage>(this.stream, {
        maxMessages: this.o.batchMessages,
        maxBytes: this.o.batchBytes,
        sizeOf: (m) => (m.value?.length ?? 0) + (m.key?.length ?? 0),
        lingerMs: this.o.lingerMs,
      });
      if (signal.aborted || resumed) reader.stop();
      while (!reader.done) {
        const messages = holds.release(await reader.next());
        if (messages.length > 0) await this.batch(messages);
        this.progress();
      }
    } catch (error) {
      if (!(error instanceof StoppedError) && !signal.aborted) {
        log(`consume: ${describeError(error)}`);
      }
    } finally {
      clearInterval(pauseChecks);
      signal.removeEventListener('abort', onAbort);
      this.stream = null;
      // Leaving the group hands the partitions over at once instead of after the session timeout.
      await closeConsumer(consumer).catch((error: unknown) => {
        log(`consume: leaving the group failed (${describeError(error)}); its session will expire`);
      });
    }
    return { delivered: this.totals.read > before, resumed };
  }

  private async batch(fetched: KafkaMessage[]) {
    const started = Date.now();
    // Every fetched message is stored, also after a rebalance took its partition away: dropping it
    // would leave a gap behind the stream's position, while storing it again is harmless (txid ids)
    // and a commit can only claim offsets whose records are stored.
    const messages = fetched;
    const stats = new Map<number, PartitionStats>();
    const last = new Map<number, KafkaMessage>();
    for (const m of messages) {
      let s = stats.get(m.partition);
      if (!s) {
        s = new PartitionStats(m.topic, m.partition, m.offset);
        stats.set(m.partition, s);
      }
      s.sawOffset(m.offset);
      const l = last.get(m.partition);
      if (!l || m.offset > l.offset) last.set(m.partition, m);
    }
    const ingestedAt = new Date().toISOString();
    const { items, deadLetters } = prepareBatch(messages, ingestedAt, this.o.indexName);
    const writable = this.writable;
    if (writable && items.length > 0) {
      await this.retrying('Elasticsearch (write aliases)', () => writable.ensure(items.map((i) => i.ts)));
    }

    await this.index(messages, items, stats, deadLetters);

    for (const letter of deadLetters) stats.get(letter.partition)!.rejected += 1;
    if (deadLetters.length > 0) {
      const letterBytes = (l: DeadLetter) => (l.value?.length ?? 0) + (l.key?.length ?? 0) + 1024;
      for (const chunk of chunksBySize(deadLetters, letterBytes)) {
        await this.retrying('the dead-letter topic', () =>
          this.deadLetters.send({
            messages: chunk.map((l) => deadLetterMessage(this.o.config.deadLetterTopic, l)),
            acks: ProduceAcks.ALL,
          }),
        );
      }
    }

    try {
      await Promise.all([...last.values()].map((m) => commit(m)));
    } catch (error) {
      // Stored but not committed: the batch is redelivered and counted as duplicates then.
      this.o.log(`consume: commit failed (${describeError(error)}); the batch will be redelivered`);
      return;
    }

    const committedAt = new Date().toISOString();
    const duration = Date.now() - started;
    const entries = [...stats.values()].map((s) => s.entry(committedAt, ingestedAt, duration));
    await this.retrying('Elasticsearch (load log)', () => recordLoads(this.o.es, entries)).catch(
      (error: unknown) => {
        if (error instanceof StoppedError) throw error;
        // Stored and committed already: load-log entries Elasticsearch refuses must not stall the partitions.
        this.o.log(
          `consume: load-log entries for ${entries.length} partitions refused: ${describeError(error)}`,
        );
      },
    );
    for (const s of stats.values()) {
      this.totals.read += s.read;
      this.totals.stored += s.stored;
      this.totals.duplicates += s.duplicates;
      this.totals.conflicts += s.conflicts;
      this.totals.flagged += s.flagged;
      this.totals.deadLettered += s.rejected;
    }
    this.totals.batches += 1;
  }

  /** Bulk-indexes the batch, retrying whatever Elasticsearch did not take until it takes it. */
  private async index(
    messages: KafkaMessage[],
    items: SinkItem[],
    stats: Map<number, PartitionStats>,
    deadLetters: DeadLetter[],
  ): Promise<void> {
    if (items.length === 0) return;
    const eventTimes = new Map(items.map((i) => [i.line, i.ts]));
    let paused = false;
    const indexer = new BulkIndexer({
      transport: esBulkTransport(this.o.es),
      concurrency: this.o.concurrency,
      maxDocs: this.o.bulkDocs,
      maxBytes: this.o.bulkBytes,
      maxAttempts: Number.POSITIVE_INFINITY,
      baseDelayMs: 250,
      maxDelayMs: 10_000,
      // A blocked index refuses good records: wait for it to take writes again, never dead-letter them.
      onBlocked: 'retry',
      sleep: async (ms) => {
        if (!paused) {
          paused = true;
          this.stream?.pause();
          this.o.log(
            `consume: Elasticsearch is not taking the batch; fetching paused, retrying (offsets not committed)`,
          );
        }
        await sleepUnlessStopped(ms, this.o.signal);
      },
      onExisting: conflictJudge(this.o.es, (item) => {
        const m = messages[item.line]!;
        return {
          stream: partitionStream(m.topic, m.partition),
          position: String(m.offset),
          origin: sourceHeader(m),
        };
      }),
      onItemIndexed: (item, result) => {
        const s = stats.get(messages[item.line]!.partition)!;
        // Only what Elasticsearch stored counts for the event-time range (a refused date is no range).
        const ts = eventTimes.get(item.line);
        if (ts !== undefined) s.sawEventTime(ts);
        if (result.result === 'duplicate' || result.result === 'updated') s.duplicates += 1;
        else if (result.result === 'conflict') s.conflicts += 1;
        else s.stored += 1;
        if (item.flagged) s.flagged += 1;
      },
      onRejected: (item, reason) => {
        const m = messages[item.line]!;
        deadLetters.push({
          reason: 'elasticsearch',
          detail: reason,
          topic: m.topic,
          partition: m.partition,
          offset: m.offset,
          key: m.key ?? undefined,
          value: m.value ?? undefined,
          headers: m.headers,
        });
      },
    });
    try {
      for (const item of items) {
        const pending = indexer.add(item);
        if (pending) await pending;
      }
      await indexer.close();
    } finally {
      if (paused) {
        this.o.log('consume: Elasticsearch took the batch; fetching resumed');
        if (!this.o.signal.aborted) this.stream?.resume();
      }
    }
  }

  /** Runs `work` until it succeeds, pausing the fetch meanwhile; throws StoppedError when told to stop. */
  private retrying<T>(what: string, work: () => Promise<T>): Promise<T> {
    return retryPausingFetch(
      {
        name: 'consume',
        log: this.o.log,
        signal: this.o.signal,
        stream: () => this.stream,
        isFatal: isRefusal,
      },
      what,
      work,
    );
  }

  private progress(): void {
    const due =
      this.totals.batches - this.lastProgressBatches >= this.o.progressEvery ||
      (Date.now() - this.lastProgress >= this.o.progressMs && this.totals.batches > this.lastProgressBatches);
    if (!due) return;
    this.lastProgress = Date.now();
    this.lastProgressBatches = this.totals.batches;
    this.o.log(`consume: ${formatTotals(this.totals)}; ${formatMemory()}`);
  }
}

/** Resident memory and its parts, so an operator can see the sink stays flat however large the lag. */
function formatMemory(): string {
  const m = process.memoryUsage();
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  return `rss ${mb(m.rss)} (heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, buffers ${mb(m.arrayBuffers)})`;
}

/** Elasticsearch refusing a request for what it holds (4xx but 429): retrying cannot help. */
function isRefusal(error: unknown): boolean {
  if (error instanceof LoadLogRefusedError) return true;
  if (!(error instanceof errors.ResponseError)) return false;
  const status = error.meta.statusCode ?? 0;
  return status >= 400 && status < 500 && status !== 429;
}
