import type { Client, estypes } from '@elastic/elasticsearch';
import { ownIndexCreator } from '../../store/own-index';
import { LOAD_LOG_INDEX, type LoadLogEntry } from '../load-log';
import { firehoseTopicFrom } from '../config';
import { PauseStore } from '../pauses';
import { judgeConflicts } from './conflicts';
import { runQualityChecks } from './run';
import { recordResults, worstFirst } from './store';
import { QUALITY_THRESHOLDS, type QualityThresholds } from './thresholds';
import type { CheckResult } from './types';

/** Where the quality runner keeps how far it read the load log and when it last ran every check. */
export const QUALITY_WATCH_STATE_INDEX = 'sightline-quality-watch';
export const QUALITY_WATCH_STATE_ID = 'quality-watch';

export interface WatchState {
  /** `@timestamp` of the newest load-log entry judged (epoch ms). */
  watermark: number;
  /** When every check last ran (epoch ms; 0 never). */
  scheduledAt: number;
  updatedAt: number;
}

const STATE_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    watermark: { type: 'date', format: 'epoch_millis' },
    scheduledAt: { type: 'date', format: 'epoch_millis' },
    updatedAt: { type: 'date', format: 'epoch_millis' },
  },
};

/**
 * Entries younger than this are left for the next pass: an entry is visible to searches only after a
 * refresh, and one committed a moment before another may become visible after it.
 */
export const SETTLE_MS = 5_000;
/** Entries judged per pass at most; the rest are the next pass's. */
const PAGE = 5_000;
/** Who the runner's pauses are recorded as. */
export const WATCH_ACTOR = 'quality-watch';

export interface WatchOptions {
  es: Client;
  now: Date;
  /** Every check runs when this long has passed since the last scheduled run. */
  scheduleMs: number;
  thresholds?: QualityThresholds;
  /** A state of its own (tests); the pipeline's by default. */
  stateId?: string;
  /** Only load-log streams (and sources) starting with this, only customers starting with that. */
  streamPrefix?: string | undefined;
  customerPrefix?: string | undefined;
  /** The firehose topic, whose partitions the sink holds when paused (default: the pipeline's). */
  firehoseTopic?: string;
}

export interface WatchPass {
  /** Load-log entries judged in this pass. */
  loads: number;
  /** Whether every check ran (the schedule was due). */
  scheduled: boolean;
  /** Results that breached (per-load and scheduled), worst first. */
  breaches: CheckResult[];
  /** Sources this pass paused. */
  paused: string[];
}

/**
 * One pass of the quality runner: judges the loads committed since its watermark (per-load checks:
 * conflicting copies per stream), runs every check when the schedule is due, pauses the sources of
 * breached checks whose policy is `pause`, then stores the new watermark. Restartable and idempotent:
 * a pass repeated after a crash judges the same loads again, and pausing a paused source is a no-op.
 */
export async function watchOnce(o: WatchOptions): Promise<WatchPass> {
  const thresholds = o.thresholds ?? QUALITY_THRESHOLDS;
  const id = o.stateId ?? QUALITY_WATCH_STATE_ID;
  await ownIndexCreator(o.es, QUALITY_WATCH_STATE_INDEX, STATE_MAPPINGS)();
  const state = await readState(o.es, id);
  const at = o.now.toISOString();

  const loads = await loadsAfter(o, state.watermark);
  const perLoad = judgeLoads(loads, thresholds, at);
  const breachedLoads = perLoad.filter((r) => r.status !== 'pass');
  // Passing per-load results are not kept: the scheduled run records every check's pass.
  await recordResults(o.es, breachedLoads);

  const scheduled = o.now.getTime() - state.scheduledAt >= o.scheduleMs;
  const everything = scheduled
    ? await runQualityChecks({
        client: o.es,
        now: o.now,
        thresholds,
        streamPrefix: o.streamPrefix,
        customerPrefix: o.customerPrefix,
      })
    : [];
  const breachedNow = everything.filter((r) => r.status !== 'pass');
  const paused = await pauseFor(o, breachedLoads, breachedNow, thresholds);
  const breaches = [...breachedLoads, ...breachedNow].sort(worstFirst);

  const last = loads.at(-1);
  await writeState(o.es, id, {
    watermark: last ? Date.parse(last['@timestamp']) : state.watermark,
    scheduledAt: scheduled ? o.now.getTime() : state.scheduledAt,
    updatedAt: Date.now(),
  });
  return { loads: loads.length, scheduled, breaches, paused };
}

/** The per-load checks: conflicting copies, summed per stream over the loads of this pass. */
export function judgeLoads(loads: readonly LoadLogEntry[], t: QualityThresholds, at: string): CheckResult[] {
  const perStream = new Map<string, number>();
  for (const load of loads) {
    if (load.loader !== 'sink' && load.loader !== 'file') continue;
    perStream.set(load.stream, (perStream.get(load.stream) ?? 0) + (load.conflicts ?? 0));
  }
  return [...perStream].map(([stream, conflicts]) => judgeConflicts({ stream, conflicts, txids: [] }, t, at));
}

/**
 * The sources whose loader honours a pause: a shard, which the batcher holds with its rows in the
 * shard and its cursor unmoved, and a partition of the firehose, which the sink holds with its records
 * in Kafka and its offset unmoved (pipeline/kafka/partition-holds.ts). A customer-wide breach or a
 * file's load is reported, not acted on: nothing would hold it.
 */
export function isPausable(source: string, firehoseTopic: string): boolean {
  if (source.startsWith('mysql/')) return true;
  const rest = source.startsWith(`${firehoseTopic}/`) ? source.slice(firehoseTopic.length + 1) : '';
  return /^\d+$/.test(rest);
}

/**
 * Pauses the source of every breach whose policy says so, where its loader can hold it (isPausable).
 * A source an operator resumed within the grace is not paused again by a scheduled check, whose
 * window still holds what led to the pause.
 */
async function pauseFor(
  o: WatchOptions,
  fromLoads: readonly CheckResult[],
  fromSchedule: readonly CheckResult[],
  t: QualityThresholds,
) {
  const store = new PauseStore(o.es);
  const topic = o.firehoseTopic ?? firehoseTopicFrom();
  const paused: string[] = [];
  const breaches = [
    ...fromLoads.map((r) => ({ r, newLoads: true })),
    ...fromSchedule.map((r) => ({ r, newLoads: false })),
  ];
  for (const { r, newLoads } of breaches) {
    if (r.policy !== 'pause' || !isPausable(r.source, topic) || paused.includes(r.source)) continue;
    const state = await store.stateOf(r.source);
    if (state?.action === 'pause') continue;
    const resumedAgo =
      state?.action === 'resume' ? o.now.getTime() - Date.parse(state['@timestamp']) : Infinity;
    // New loads are new evidence; a scheduled window may still hold the old.
    if (!newLoads && resumedAgo < t.pauseGraceMs) continue;
    const reason = `${r.subject}: measured ${r.measured}, limit ${r.threshold} (${r.detail})`;
    if (await store.pause(r.source, r.check, reason, WATCH_ACTOR)) paused.push(r.source);
  }
  return paused;
}

async function loadsAfter(o: WatchOptions, watermark: number): Promise<LoadLogEntry[]> {
  const found = await o.es.search<LoadLogEntry>({
    index: LOAD_LOG_INDEX,
    ignore_unavailable: true,
    size: PAGE,
    query: {
      bool: {
        filter: [
          {
            range: {
              '@timestamp': {
                gt: new Date(watermark).toISOString(),
                lte: new Date(o.now.getTime() - SETTLE_MS).toISOString(),
              },
            },
          },
          ...(o.streamPrefix ? [{ prefix: { stream: o.streamPrefix } }] : []),
        ],
      },
    },
    sort: [{ '@timestamp': 'asc' }],
  });
  const loads = found.hits.hits.map((h) => h._source!);
  // A full page may cut through entries of one instant: leave that instant whole for the next pass.
  if (loads.length === PAGE) {
    const cut = loads.at(-1)!['@timestamp'];
    const whole = loads.filter((l) => l['@timestamp'] !== cut);
    if (whole.length > 0) return whole;
  }
  return loads;
}

async function readState(es: Client, id: string): Promise<WatchState> {
  const found = await es.get<WatchState>({ index: QUALITY_WATCH_STATE_INDEX, id }, { ignore: [404] });
  return found.found && found._source ? found._source : { watermark: 0, scheduledAt: 0, updatedAt: 0 };
}

async function writeState(es: Client, id: string, state: WatchState): Promise<void> {
  await es.index({ index: QUALITY_WATCH_STATE_INDEX, id, document: state, refresh: 'wait_for' });
}
