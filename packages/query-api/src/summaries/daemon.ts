import type { Client } from '@elastic/elasticsearch';
import { setTimeout as sleep } from 'node:timers/promises';
import { retireEarlierSummaries } from './retire';
import { SUMMARY_STATE_ID, summaryStateEnsurer } from './state';
import { summaryIndexEnsurer } from './store';
import { summarisePass, type PassResult } from './summarise';

export interface SummariserOptions {
  es: Client;
  /** The state to keep: another summariser's than the pipeline's (SUMMARY_STATE_ID) if given. */
  stateId?: string;
  /** Pause between passes once caught up. */
  intervalMs: number;
  /** Stop once caught up with the load log instead of running until aborted. */
  once: boolean;
  signal: AbortSignal;
  log: (line: string) => void;
}

/** Most back-off after failed passes: Elasticsearch away, the summariser waits and tries again. */
const MAX_BACKOFF_MS = 30_000;

/**
 * Runs passes until aborted (or, with `once`, until caught up): a pass that fails leaves the state
 * where it was, so the next one redoes it; failures back off. Each pass that did something is
 * logged, so a long catch-up (a backlog of customers to rebuild) shows its progress.
 */
export async function runSummariser(options: SummariserOptions): Promise<void> {
  const { es, signal, log } = options;
  await summaryIndexEnsurer(es)();
  await summaryStateEnsurer(es)();
  let failures = 0;
  // Only the pipeline's summariser retires earlier versions: a second one (its own state) may be a check.
  let retired = options.stateId !== undefined && options.stateId !== SUMMARY_STATE_ID;
  while (!signal.aborted) {
    let result: PassResult;
    try {
      result = await summarisePass(es, Date.now(), options.stateId);
      failures = 0;
    } catch (error) {
      if (options.once) throw error;
      failures++;
      const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures, 5));
      log(`summarise: pass failed (${(error as Error).message}); again in ${wait / 1000}s`);
      await sleep(wait, undefined, { signal }).catch(() => undefined);
      continue;
    }
    const line = describePass(result);
    if (line) log(`summarise: ${line}`);
    if (!retired && result.caughtUp && !result.backlog) {
      // Every customer is rebuilt in this version: the earlier versions' summaries have no reader left.
      const gone = await retireEarlierSummaries(es).catch((error: unknown) => {
        log(
          `summarise: could not remove earlier summary versions (${(error as Error).message}); next start tries again`,
        );
        return null;
      });
      retired = true;
      if (gone && gone.indices.length + gone.states.length > 0)
        log(`summarise: removed earlier summary versions: ${[...gone.indices, ...gone.states].join(', ')}`);
    }
    if (result.caughtUp && options.once) break;
    if (result.caughtUp) await sleep(options.intervalMs, undefined, { signal }).catch(() => undefined);
  }
}

/** A pass in one line, or null for a pass that found nothing to do. */
export function describePass(result: PassResult): string | null {
  const counts = `${result.hours} customer-hours recomputed (${result.written} summaries written, ${result.removed} removed)`;
  const left = `${result.backlog ?? 0} customer${result.backlog === 1 ? '' : 's'} left to rebuild`;
  if (result.rebuilt !== undefined) return `rebuilt ${result.rebuilt} from its records: ${counts}; ${left}`;
  if (result.hours === 0 && result.entries === 0 && !result.backlog) return null;
  const through = `summarised through ${new Date(result.through).toISOString()}`;
  return `${result.entries} loads, ${counts}; ${through}${result.backlog ? `; ${left}` : ''}`;
}
