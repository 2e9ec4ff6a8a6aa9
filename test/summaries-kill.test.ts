import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../packages/query-api/src/generate';
import {
  readSummaryCoverage,
  readSummaryState,
  rebuildSummaries,
  type SummaryState,
} from '../packages/query-api/src/summaries';
import { esClient } from './ingest.support';
import { sightlineBin } from './kafka.support';
import { endTestSummaries, loadRecords, startTestSummaries, summariesOf } from './summaries.support';

/** This file's month, customers, load-log stream and summariser state (see cleanTestMonth). */
const MONTH = '2006-05';
const PREFIX = 'itest-sumkill-';
const END = new Date('2006-05-20T00:00:00Z');
const STATE = `itest-sumkill-${randomUUID().slice(0, 8)}`;
const client = esClient();

/** Five customers met at once by one load each: a burst of newcomers, each with 14 days of history. */
const CUSTOMERS = Array.from({ length: 5 }, (_, i) => {
  const records = [
    ...generateRecords({
      seed: `sumkill-${i}`,
      count: 5000,
      days: 14,
      end: END,
      customers: 'single',
      customerPrefix: `${PREFIX}c${i}-`,
    }),
  ];
  return { id: records[0]!.customer_id, records };
});
const ours = (state: SummaryState | null) => (state?.customers ?? []).filter((c) => c.startsWith(PREFIX));

async function load(records: Iterable<Record<string, unknown>>, stream: string): Promise<void> {
  expect((await loadRecords(client, records, `itest-sumkill/${stream}`)).rejected).toBe(0);
}

interface Summariser {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

/** `sightline summarise` on this file's state, as npm start runs it (with its small heap). */
function startSummariser(): Summariser {
  const child = spawn(
    process.execPath,
    ['--max-old-space-size=160', sightlineBin, 'summarise', '--state', STATE, '--interval', '1'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines: string[] = [];
  let rest = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

/** Polls the state until `check` holds. */
async function stateWhen(
  check: (state: SummaryState | null) => boolean,
  seconds = 180,
): Promise<SummaryState> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const state = await readSummaryState(client, STATE);
    if (check(state)) return state!;
    await sleep(50);
  }
  throw new Error(
    `the summariser's state never got there: ${JSON.stringify(await readSummaryState(client, STATE))}`,
  );
}

beforeAll(async () => {
  await startTestSummaries(client, PREFIX, MONTH, STATE);
  for (const { id, records } of CUSTOMERS) await load(records, id);
}, 240_000);

afterAll(async () => {
  await endTestSummaries(client, PREFIX, MONTH, STATE);
  await client.close();
});

describe('the summariser killed while it rebuilds a burst of newcomers', () => {
  it('keeps each customer it finished, and after a restart its summaries equal a recomputation from the records', async () => {
    const first = startSummariser();
    // Newcomers are rebuilt one a pass, the state saved after each: kill it after the second.
    const atKill = await stateWhen((s) => ours(s).length >= 2);
    first.child.kill('SIGKILL');
    await first.exited;
    const killedAt = await readSummaryState(client, STATE);
    expect(ours(killedAt).length).toBeGreaterThanOrEqual(ours(atKill).length);
    expect(ours(killedAt).length).toBeLessThan(CUSTOMERS.length);
    // Not finished: those it had not reached, and the one it was rebuilding when killed.
    const waiting = CUSTOMERS.map((c) => c.id).filter((c) => !ours(killedAt).includes(c));

    const second = startSummariser();
    try {
      const done = await stateWhen(
        (s) => ours(s).length === CUSTOMERS.length && (s?.backlog ?? []).length === 0,
      );
      expect(new Set(ours(done)).size).toBe(CUSTOMERS.length);
    } finally {
      second.child.kill('SIGTERM');
    }
    expect(await second.exited).toBe(0);
    // The restart rebuilt each customer the first run had not finished, once (its log, read whole now).
    for (const customer of waiting)
      expect(second.lines.filter((l) => l.includes(`rebuilt ${customer} `))).toHaveLength(1);

    for (const { id, records } of CUSTOMERS) {
      expect(await readSummaryCoverage(client, id, STATE), id).toBeDefined();
      const stored = await summariesOf(client, id);
      // Recounted from the records: every document is rewritten as it is, none is missing or stale.
      const again = await rebuildSummaries(
        client,
        { from: Date.parse(`${MONTH}-01T00:00:00Z`), to: END.getTime() },
        id,
      );
      expect(again.removed, id).toBe(0);
      expect(again.written, id).toBe(stored.size);
      expect(await summariesOf(client, id), id).toEqual(stored);
      // And together they count every record.
      const counted = [...stored]
        .filter(([key]) => key.startsWith('sightline-summary-dimensions'))
        .reduce((sum, [, doc]) => sum + (doc as { _doc_count: number })._doc_count, 0);
      expect(counted, id).toBe(records.length);
    }
  }, 420_000);
});
