import type { FirehosePublisher, FirehoseRecord } from '../firehose';
import { settledRows, type ShardRow } from './gap';

/** One shard as the batcher sees it: its rows past a cursor, and the cursor kept durably beside them. */
export interface ShardSource {
  /** The load log's stream name and the firehose source header: `mysql/<database>`. */
  readonly stream: string;
  loadCursor(): Promise<bigint>;
  /** Rows with id > cursor, in id order, at most `limit`. */
  readAfter(cursor: bigint, limit: number): Promise<ShardRow[]>;
  saveCursor(id: bigint): Promise<void>;
  close(): Promise<void>;
}

/** A batch published and its cursor stored. */
export interface CommittedBatch {
  stream: string;
  from: bigint;
  to: bigint;
  rows: number;
  committedAt: Date;
  durationMs: number;
}

export interface ShardRunOptions {
  /** Rows per read and per publish. */
  batch: number;
  /** Wait between reads once caught up. */
  pollMs: number;
  /** How long a gap in the ids may still fill (see settledRows). */
  holdMs: number;
  /** Drain to the end seen and return, instead of running until aborted. */
  once?: boolean;
  signal?: AbortSignal;
  /** After a stop is asked for, how long an in-flight publish may still finish before it is abandoned. */
  stopGraceMs?: number;
  /** Consecutive failures before giving up; by default a running batcher never gives up. */
  maxFailures?: number;
  backoff?: { initialMs: number; maxMs: number };
  /** Called after each committed batch (the load log); it reports its own failures, the batch stands. */
  onCommit?: (batch: CommittedBatch) => Promise<void> | void;
  onError?: (stream: string, error: unknown, failures: number, retryInMs: number) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Why the stream is paused (a quality check's pause, see pipeline/pauses.ts), or null: asked before
   * each read. A paused stream reads nothing and keeps its cursor; its rows wait in the shard.
   */
  pausedBecause?: (stream: string) => Promise<string | null>;
  /** Called when the stream is found paused, and again when it is resumed (reason null). */
  onPause?: (stream: string, reason: string | null) => void;
}

export interface ShardRunSummary {
  stream: string;
  rows: number;
  batches: number;
  /** The stored cursor when the run ended (null if it was never read). */
  cursor: bigint | null;
  /**
   * Why the run ended: caught up (once), stopped (signal), failed (too many failures), or paused
   * (once, with its stream paused: nothing read).
   */
  ended: 'caught-up' | 'stopped' | 'failed' | 'paused';
  error?: unknown;
}

class Abandoned extends Error {}

/** How often a paused stream asks again (its answer is cached by the caller anyway). */
const PAUSED_POLL_MS = 1_000;

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Resolves with `work`, or rejects with Abandoned when a stop was asked and the grace ran out first. */
function withinGrace<T>(work: Promise<T>, signal: AbortSignal | undefined, graceMs: number): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      timer = setTimeout(() => reject(new Abandoned('stopped while publishing')), graceMs);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function toFirehose(stream: string, row: ShardRow): FirehoseRecord {
  return { customer: row.customer, value: row.record, source: stream, position: String(row.id) };
}

async function closeQuietly(part: { close(): Promise<void> } | undefined): Promise<void> {
  try {
    await part?.close();
  } catch {
    // Closing after a failure: the connection is usually gone already.
  }
}

/**
 * Moves one shard's new rows onto the firehose: read past the cursor, publish, and only once the
 * brokers acknowledged, store the cursor. A crash between publish and store re-publishes that batch
 * on restart (at least once; the sink is idempotent by txid), and nothing is ever skipped.
 *
 * Any failure (the database or the brokers restarting) drops the failed side's connection, waits
 * with exponential backoff and starts again from the stored cursor.
 */
export async function runShard(
  stream: string,
  openSource: () => Promise<ShardSource>,
  openPublisher: () => Promise<FirehosePublisher>,
  options: ShardRunOptions,
): Promise<ShardRunSummary> {
  const sleep = options.sleep ?? abortableSleep;
  const { initialMs, maxMs } = options.backoff ?? { initialMs: 250, maxMs: 10_000 };
  const signal = options.signal;
  const summary: ShardRunSummary = { stream, rows: 0, batches: 0, cursor: null, ended: 'stopped' };
  let source: ShardSource | undefined;
  let publisher: FirehosePublisher | undefined;
  let cursor: bigint | undefined;
  let failures = 0;
  let pausedFor: string | null = null;
  try {
    while (!signal?.aborted) {
      let stage: 'source' | 'publisher' = 'source';
      try {
        const pause = (await options.pausedBecause?.(stream)) ?? null;
        if (pause !== pausedFor) {
          pausedFor = pause;
          options.onPause?.(stream, pause);
        }
        if (pause !== null) {
          if (options.once) {
            summary.ended = 'paused';
            break;
          }
          await sleep(Math.max(options.pollMs, PAUSED_POLL_MS), signal);
          continue;
        }
        source ??= await openSource();
        cursor ??= await source.loadCursor();
        summary.cursor = cursor;
        const read = await source.readAfter(cursor, options.batch);
        const { rows, heldAt } = settledRows(cursor, read, options.holdMs);
        if (rows.length > 0) {
          const started = Date.now();
          stage = 'publisher';
          publisher ??= await openPublisher();
          await withinGrace(
            publisher.publish(rows.map((row) => toFirehose(stream, row))),
            signal,
            options.stopGraceMs ?? 5_000,
          );
          stage = 'source';
          const to = rows[rows.length - 1]!.id;
          await source.saveCursor(to);
          cursor = to;
          summary.cursor = to;
          summary.rows += rows.length;
          summary.batches += 1;
          await report(options, {
            stream,
            from: rows[0]!.id,
            to,
            rows: rows.length,
            committedAt: new Date(),
            durationMs: Date.now() - started,
          });
        }
        failures = 0;
        const more = read.length === options.batch && heldAt === null;
        if (more) continue;
        if (options.once && heldAt === null) {
          summary.ended = 'caught-up';
          break;
        }
        await sleep(options.pollMs, signal);
      } catch (error) {
        if (error instanceof Abandoned) break;
        failures += 1;
        // Start again from what is stored: the batch in flight is read and published again.
        cursor = undefined;
        if (stage === 'source') {
          await closeQuietly(source);
          source = undefined;
        } else {
          await closeQuietly(publisher);
          publisher = undefined;
        }
        if (failures >= (options.maxFailures ?? Number.POSITIVE_INFINITY)) {
          summary.ended = 'failed';
          summary.error = error;
          break;
        }
        const retryInMs = Math.min(maxMs, initialMs * 2 ** (failures - 1));
        options.onError?.(stream, error, failures, retryInMs);
        await sleep(retryInMs, signal);
      }
    }
  } finally {
    await closeQuietly(source);
    await closeQuietly(publisher);
  }
  return summary;
}

async function report(options: ShardRunOptions, batch: CommittedBatch): Promise<void> {
  try {
    await options.onCommit?.(batch);
  } catch {
    // The batch is on the firehose and its cursor stored: a bookkeeping failure must not resend it.
  }
}
