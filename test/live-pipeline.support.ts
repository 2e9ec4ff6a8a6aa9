import { execFile, execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { generateRecords } from '../packages/query-api/src/generate';
import type { BreakdownResult, LogResult } from '@sightline/schema/reports';
import { within } from '../packages/query-api/src/pipeline/kafka/retry';
import { parseShardUrl } from '../packages/query-api/src/pipeline/source/shard-url';
import {
  openShardWriter,
  type ShardRecord,
  type ShardWriter,
} from '../packages/query-api/src/pipeline/source/writer';
import { createApp, createEsClient } from '../packages/query-api/src/server';
import { brokers, dropTestPipeline, sightlineBin, testPipeline, type KafkaTestConfig } from './kafka.support';
import { dropFixture, type SourceFixture } from './source.support';

/**
 * The live pipeline end to end, with its real parts: records written into two MariaDB shards of the
 * test's own, `sightline source mysql` and `sightline consume` as processes, Elasticsearch, and the
 * API's answers. Each test owns its schemas, topics, group and customers.
 */
export interface LivePipeline {
  fixture: SourceFixture;
  kafka: KafkaTestConfig;
}

/** Two shard schemas, and (unless told not to) the topics made by `sightline topics create`. */
export function livePipeline(name: string, mysqlUrl: string, options = { topics: true }): LivePipeline {
  const kafka = testPipeline(name);
  const run = randomBytes(4).toString('hex');
  const databases = [0, 1].map((i) => `sightline_test_${run}_${i}`);
  const base = mysqlUrl.replace(/\/+$/, '');
  if (options.topics) createTopics(kafka);
  return {
    kafka,
    fixture: {
      run,
      databases,
      shardUrls: databases.map((db) => `${base}/${db}`),
      topic: kafka.firehoseTopic,
      brokers: brokers(),
    },
  };
}

/** `sightline topics create` for the test's topics, with 3 partitions. */
export function createTopics(kafka: KafkaTestConfig): void {
  const created = spawnSync(
    process.execPath,
    [
      sightlineBin,
      'topics',
      'create',
      '--brokers',
      kafka.brokers.join(','),
      '--topic',
      kafka.firehoseTopic,
      '--dead-letter-topic',
      kafka.deadLetterTopic,
      '--partitions',
      '3',
    ],
    { encoding: 'utf8' },
  );
  expect(created.stderr).toBe('');
  expect(created.status).toBe(0);
}

export async function dropLivePipeline(mysqlUrl: string, pipeline: LivePipeline): Promise<void> {
  await dropTestPipeline(pipeline.kafka);
  await dropFixture(mysqlUrl, pipeline.fixture);
}

/** A spawned `sightline` command: its stderr lines, and a way to wait for one. */
export interface SightlineProcess {
  child: ChildProcess;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForLine(pattern: RegExp, from?: number, timeoutMs?: number): Promise<string>;
  /** SIGKILL, and wait until it is gone. */
  kill9(): Promise<void>;
  /**
   * SIGTERM, and the exit code once it has finished what it was doing. Fails, after a SIGKILL, with
   * its last lines if it has not exited within `timeoutMs`.
   */
  stop(timeoutMs?: number): Promise<number | null>;
}

export function spawnSightline(args: string[]): SightlineProcess {
  const child = spawn(process.execPath, [sightlineBin, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: process.env,
  });
  const lines: string[] = [];
  let rest = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    lines,
    exited,
    async waitForLine(pattern, from = 0, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = lines.slice(from).find((l) => pattern.test(l));
        if (line !== undefined) return line;
        if (gone())
          throw new Error(`sightline ${args[0]} exited before printing ${pattern}:\n${lines.join('\n')}`);
        if (Date.now() > deadline)
          throw new Error(`sightline ${args[0]} never printed ${pattern}:\n${lines.join('\n')}`);
        await sleep(100);
      }
    },
    async kill9() {
      expect(gone(), `sightline ${args[0]} exited before it could be killed:\n${lines.join('\n')}`).toBe(
        false,
      );
      child.kill('SIGKILL');
      expect((await exited).signal).toBe('SIGKILL');
    },
    async stop(timeoutMs = 30_000) {
      if (!gone()) child.kill('SIGTERM');
      try {
        return (await within(exited, timeoutMs, `sightline ${args[0]}'s exit after SIGTERM`)).code;
      } catch (error) {
        child.kill('SIGKILL');
        throw new Error(`${(error as Error).message}; its last lines:\n${lines.slice(-40).join('\n')}`);
      }
    },
  };
}

/** `sightline source mysql` on the pipeline's shards and topic, polling often and holding gaps briefly. */
export function spawnBatcher(pipeline: LivePipeline, ...extra: string[]): SightlineProcess {
  return spawnSightline([
    'source',
    'mysql',
    '--shards',
    pipeline.fixture.shardUrls.join(','),
    '--brokers',
    pipeline.kafka.brokers.join(','),
    '--topic',
    pipeline.kafka.firehoseTopic,
    '--batch',
    '200',
    '--poll-ms',
    '50',
    '--gap-hold-ms',
    '1000',
    '--no-load-log',
    ...extra,
  ]);
}

/** `sightline consume` in the pipeline's group, with small batches and a short session. */
export function spawnSink(pipeline: LivePipeline, ...extra: string[]): SightlineProcess {
  const { kafka } = pipeline;
  return spawnSightline([
    'consume',
    '--brokers',
    kafka.brokers.join(','),
    '--topic',
    kafka.firehoseTopic,
    '--dead-letter-topic',
    kafka.deadLetterTopic,
    '--group',
    kafka.indexerGroup,
    '--batch',
    '200',
    '--linger-ms',
    '50',
    '--session-timeout',
    '6000',
    '--progress-every',
    '1',
    ...extra,
  ]);
}

/** Generated auth-log records of one month, as systems write them into their shards. */
export function shardRecords(options: {
  seed: string;
  count: number;
  month: string;
  customerPrefix: string;
}): { records: ShardRecord[]; txids: string[]; customers: string[] } {
  const generated = [
    ...generateRecords({
      seed: options.seed,
      count: options.count,
      end: new Date(`${options.month}-25T00:00:00Z`),
      days: 20,
      customerPrefix: options.customerPrefix,
    }),
  ];
  return {
    records: generated.map((r) => ({ customer: r.customer_id, record: JSON.stringify(r) })),
    txids: generated.map((r) => r.txid),
    customers: [...new Set(generated.map((r) => r.customer_id))].sort(),
  };
}

/**
 * Writes records into the shards a chunk at a time, every `everyMs`, until they run out or `stop()`
 * is called: a system of record taking traffic. A write that fails (the server restarting) is tried
 * again on a new connection; each row is committed at least once, and written says how many records.
 */
export class SteadyWriter {
  written = 0;
  failures = 0;
  private stopped = false;
  private readonly done: Promise<void>;

  constructor(
    private readonly shardUrls: string[],
    private readonly records: readonly ShardRecord[],
    private readonly chunk: number,
    private readonly everyMs: number,
  ) {
    this.done = this.run();
  }

  private async run(): Promise<void> {
    let writer: ShardWriter | null = null;
    try {
      while (!this.stopped && this.written < this.records.length) {
        const batch = this.records.slice(this.written, this.written + this.chunk);
        // A failed chunk may be committed on one shard and not the other: it is written again before
        // stopping, so no record past `written` is ever left in a shard.
        for (;;) {
          try {
            writer ??= await openShardWriter(this.shardUrls.map(parseShardUrl));
            await writer.write(batch);
            break;
          } catch {
            this.failures += 1;
            await writer?.close().catch(() => undefined);
            writer = null;
            await sleep(250);
          }
        }
        this.written += batch.length;
        await sleep(this.everyMs);
      }
    } finally {
      await writer?.close().catch(() => undefined);
    }
  }

  /** Resolves once `count` records are committed (or all of them, if fewer); fails past the deadline. */
  async until(count: number, timeoutMs = 60_000): Promise<void> {
    const target = Math.min(count, this.records.length);
    const deadline = Date.now() + timeoutMs;
    while (this.written < target) {
      if (Date.now() > deadline) {
        throw new Error(
          `the writer committed ${this.written} of ${target} records in ${timeoutMs / 1000} s (${this.failures} failed writes)`,
        );
      }
      await sleep(50);
    }
  }

  /** Stops after the chunk in hand; resolves with how many records were written. */
  async stop(): Promise<number> {
    this.stopped = true;
    await this.done;
    return this.written;
  }

  /** Writes every record, however long that takes. */
  async finish(): Promise<number> {
    await this.done;
    return this.written;
  }
}

const run = promisify(execFile);

const ADMIN_TOKEN = 'itest-live-admin';

/** The real API over the real Elasticsearch, read as an admin naming each customer. */
export function liveApi() {
  const es = createEsClient(process.env.ES_URL ?? 'http://127.0.0.1:9200');
  const app = createApp({
    es,
    tokens: createTokenStore([
      { name: 'admin', sha256: hashToken(ADMIN_TOKEN), customer: null, admin: true },
    ]),
  });
  const auth = (customer: string) => ({
    Authorization: `Bearer ${ADMIN_TOKEN}`,
    'X-Sightline-Customer': customer,
  });
  return {
    close: () => es.close(),
    /** Every txid /api/logs pages through for the customer in the month, in the order served. */
    async loggedTxids(customer: string, month: string): Promise<string[]> {
      const from = new Date(`${month}-01T00:00:00Z`);
      const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
      const txids: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 1000; page += 1) {
        const params = new URLSearchParams({
          from: from.toISOString(),
          to: to.toISOString(),
          columns: 'txid',
          pageSize: '1000',
          ...(cursor ? { cursor } : {}),
        });
        const response = await app.request(`/api/logs?${params}`, { headers: auth(customer) });
        expect(response.status).toBe(200);
        const result = (await response.json()) as LogResult;
        txids.push(...result.rows.map((r) => r.txid));
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      return txids;
    },
    /** A count report of the customer's month: the breakdown's total. */
    async reportedCount(customer: string, month: string): Promise<number> {
      const from = new Date(`${month}-01T00:00:00Z`);
      const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
      const response = await app.request('/api/reports/run', {
        method: 'POST',
        headers: { ...auth(customer), 'Content-Type': 'application/json' },
        body: JSON.stringify({
          timeRange: { from: from.toISOString(), to: to.toISOString() },
          view: { type: 'breakdown', groupBy: 'result', metric: 'count' },
        }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as BreakdownResult).total;
    },
  };
}

export type LiveApi = ReturnType<typeof liveApi>;

/**
 * What the API serves for these customers, against the txids written: every one exactly once through
 * /api/logs, and the count report agreeing. Returns the numbers so a failure shows them.
 */
export async function expectServedExactlyOnce(
  api: LiveApi,
  month: string,
  customers: readonly string[],
  written: readonly string[],
): Promise<void> {
  const served: string[] = [];
  let reported = 0;
  for (const customer of customers) {
    served.push(...(await api.loggedTxids(customer, month)));
    reported += await api.reportedCount(customer, month);
  }
  const expected = new Set(written);
  const seen = new Map<string, number>();
  for (const txid of served) seen.set(txid, (seen.get(txid) ?? 0) + 1);
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([txid]) => txid);
  const missing = [...expected].filter((txid) => !seen.has(txid));
  const unexpected = [...seen.keys()].filter((txid) => !expected.has(txid));
  // Counts and a few examples: a failure says how far off the pipeline was without pages of ids.
  expect({
    duplicates: duplicates.length,
    missing: missing.length,
    unexpected: unexpected.length,
    examples: [...duplicates, ...missing, ...unexpected].slice(0, 5),
  }).toEqual({ duplicates: 0, missing: 0, unexpected: 0, examples: [] });
  expect(served).toHaveLength(expected.size);
  expect(reported).toBe(expected.size);
}

/**
 * Stops then starts a local service through its script (scripts/<name>.sh), as an operator would.
 * The tests' setup exports the service's address, which tells the script to leave an external
 * service alone; unset here, the script acts on the one it started.
 */
export async function restartService(script: 'kafka.sh' | 'mariadb.sh'): Promise<void> {
  const path = fileURLToPath(new URL(`../scripts/${script}`, import.meta.url));
  const variable = script === 'kafka.sh' ? 'KAFKA_BROKERS' : 'SIGHTLINE_MYSQL_URL';
  const env = { ...process.env };
  delete env[variable];
  const local = execFileSync('bash', [path, 'url'], { env, encoding: 'utf8' }).trim();
  if (process.env[variable]?.replace(/\/+$/, '') !== local) {
    throw new Error(`this test restarts the local service at ${local}; ${variable} names another one`);
  }
  // Asynchronously: the test's writer keeps writing (and failing) meanwhile.
  await run('bash', [path, 'stop'], { env });
  await expect(
    run('bash', [path, 'status'], { env }),
    `scripts/${script} stop left it answering`,
  ).rejects.toThrow();
  await run('bash', [path, 'start'], { env });
}
