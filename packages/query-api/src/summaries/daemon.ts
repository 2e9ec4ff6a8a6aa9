import type { Client } from '@elastic/elasticsearch';
import { setTimeout as sleep } from 'node:timers/promises';
import { summaryStateEnsurer } from './state';
import { summaryIndexEnsurer } from './store';
import { summarisePass, type PassResult } from './summarise';

export interface SummariserOptions {
  es: Client;
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
 * where it was, so the next one redoes it; failures back off.
 */
export async function runSummariser(options: SummariserOptions): Promise<PassResult[]> {
  const { es, signal, log } = options;
  await summaryIndexEnsurer(es)();
  await summaryStateEnsurer(es)();
  const results: PassResult[] = [];
  let failures = 0;
  while (!signal.aborted) {
    let result: PassResult;
    try {
      result = await summarisePass(es);
      failures = 0;
    } catch (error) {
      if (options.once) throw error;
      failures++;
      const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures, 5));
      log(`summarise: pass failed (${(error as Error).message}); again in ${wait / 1000}s`);
      await sleep(wait, undefined, { signal }).catch(() => undefined);
      continue;
    }
    results.push(result);
    if (result.hours > 0 || result.entries > 0)
      log(
        `summarise: ${result.entries} loads, ${result.hours} customer-hours recomputed (${result.written} summaries written, ${result.removed} removed); summarised through ${new Date(result.through).toISOString()}`,
      );
    if (result.caughtUp && options.once) break;
    if (result.caughtUp) await sleep(options.intervalMs, undefined, { signal }).catch(() => undefined);
  }
  return results;
}
