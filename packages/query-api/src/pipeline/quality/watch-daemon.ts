import type { Client } from '@elastic/elasticsearch';
import { setTimeout as sleep } from 'node:timers/promises';
import { watchOnce } from './watch';

export interface QualityWatchOptions {
  es: Client;
  /** Pause between passes. */
  intervalMs: number;
  /** How often every check runs (freshness, zero rows, the record checks). */
  scheduleMs: number;
  signal: AbortSignal;
  log: (line: string) => void;
}

/** Most back-off after failed passes: Elasticsearch away, the runner waits and tries again. */
const MAX_BACKOFF_MS = 30_000;

/**
 * Runs quality passes until aborted. A failed pass leaves the watermark where it was, so the next one
 * judges the same loads; failures back off.
 */
export async function runQualityWatch(o: QualityWatchOptions): Promise<void> {
  let failures = 0;
  while (!o.signal.aborted) {
    try {
      const pass = await watchOnce({ es: o.es, now: new Date(), scheduleMs: o.scheduleMs });
      failures = 0;
      if (pass.loads > 0 || pass.scheduled || pass.breaches.length > 0) {
        o.log(
          `quality: ${pass.loads} loads judged${pass.scheduled ? ', every check run' : ''}; ` +
            `${pass.breaches.length} breaches${pass.breaches.length ? ` (${pass.breaches.map((b) => `${b.check} ${b.source}`).join(', ')})` : ''}` +
            (pass.paused.length ? `; paused ${pass.paused.join(', ')}` : ''),
        );
      }
      await sleep(o.intervalMs, undefined, { signal: o.signal }).catch(() => undefined);
    } catch (error) {
      failures++;
      const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures, 5));
      o.log(`quality: pass failed (${(error as Error).message}); again in ${wait / 1000}s`);
      await sleep(wait, undefined, { signal: o.signal }).catch(() => undefined);
    }
  }
}
