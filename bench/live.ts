import type { Client } from '@elastic/elasticsearch';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveGenerator } from '../packages/query-api/src/generate';
import { ingest, RejectFile, type IngestOptions } from '../packages/query-api/src/ingest';
import { runSummariser } from '../packages/query-api/src/summaries';

/** `items` stored as a file load stores them (a load-log entry under `stream`), rejects to a temporary file. */
export function quietIngest(
  es: Client,
  items: IngestOptions['items'],
  stream: string,
): ReturnType<typeof ingest> {
  const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'sl-bench-')), 'rejects.ndjson'));
  return ingest(es, { items, rejects, loadLog: { stream } });
}

/**
 * Data arriving while a benchmark measures: `ratePerSecond` new attempts a second, steady whatever the
 * hour (see LiveOptions.steady), for the
 * single customer `customerPrefix` + its id (the generator's `single` preset, seeded by `seed`),
 * loaded every second as file loads are, so the summariser and Elasticsearch's request cache see
 * what they see in production.
 */
export function startLiveIngest(
  es: Client,
  options: { seed: string; customerPrefix: string; ratePerSecond: number; stream: string },
) {
  const live = new LiveGenerator({
    seed: options.seed,
    ratePerSecond: options.ratePerSecond,
    startedAt: new Date(),
    customers: 'single',
    customerPrefix: options.customerPrefix,
    steady: true,
  });
  let stopped = false;
  let written = 0;
  const loop = (async () => {
    let from = Date.now();
    while (!stopped) {
      await new Promise((r) => setTimeout(r, 1000));
      const to = Date.now();
      const records = live.between(from, to);
      from = to;
      let line = 0;
      const summary = await quietIngest(
        es,
        records.map((value) => ({ line: ++line, value })),
        options.stream,
      );
      written += summary.indexed;
    }
  })();
  return {
    /** Stops after the load under way; resolves to the records written. */
    stop: async () => {
      stopped = true;
      await loop;
      return written;
    },
  };
}

/** Attempts a second arriving while the scale benchmarks measure. */
export const SCALE_LIVE_PER_SECOND = 200;

/** The scale benchmark's live data: about 200 attempts a second into the customer of its data set `size`. */
export function startScaleLiveIngest(es: Client, size: string) {
  return startLiveIngest(es, {
    seed: `scale-${size}`,
    customerPrefix: `scale${size}-`,
    ratePerSecond: SCALE_LIVE_PER_SECOND,
    stream: `bench-scale/live-${size}`,
  });
}
/** The summariser as the pipeline runs it (a pass every 5 s), while a benchmark measures; `stop` waits for its pass. */
export function startSummariser(es: Client, log: (line: string) => void = () => {}) {
  const controller = new AbortController();
  const running = runSummariser({ es, intervalMs: 5000, once: false, signal: controller.signal, log });
  return {
    stop: async () => {
      controller.abort();
      await running;
    },
  };
}
