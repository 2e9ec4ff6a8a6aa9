import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Admin, Consumer, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';
import type { PipelineConfig } from '../packages/query-api/src/pipeline/config';
import { ensureTopics, pipelineLag } from '../packages/query-api/src/pipeline/kafka';

/** Shared helpers of the pipeline tests; each test file owns its topics, group and customer-id prefix. */
export type KafkaTestConfig = Omit<PipelineConfig, 'shardUrls'>;

export const sightlineBin = fileURLToPath(new URL('../packages/query-api/bin/sightline.js', import.meta.url));

export function brokers(): string[] {
  const list = process.env.KAFKA_BROKERS;
  if (!list) throw new Error('KAFKA_BROKERS is not set: the integration global setup provides it');
  return list.split(',');
}

/** Topic and group names of one test, unique per run so a rerun never reads an earlier run's records. */
export function testPipeline(name: string): KafkaTestConfig {
  const run = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  return {
    brokers: brokers(),
    firehoseTopic: `itest.${name}.${run}`,
    deadLetterTopic: `itest.${name}.${run}.dlq`,
    indexerGroup: `itest-${name}-${run}`,
    detectorGroup: `itest-${name}-${run}-detector`,
  };
}

export async function createTestTopics(config: KafkaTestConfig, partitions: number): Promise<void> {
  await ensureTopics(config, { partitions, retentionMs: 3_600_000 });
}

/** Deletes the test's topics and group (the group only once no member is left). */
export async function dropTestPipeline(config: KafkaTestConfig): Promise<void> {
  const admin = new Admin({ clientId: 'itest-cleanup', bootstrapBrokers: config.brokers });
  try {
    await admin.deleteGroups({ groups: [config.indexerGroup, config.detectorGroup] }).catch(() => undefined);
    const existing = new Set(await admin.listTopics());
    const topics = [config.firehoseTopic, config.deadLetterTopic].filter((t) => existing.has(t));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.close();
  }
}

export interface RawMessage {
  key?: string;
  value: string;
  /** The partition to write to (by default the key's). */
  partition?: number;
}

/** Publishes messages as they are, poison included: what a misbehaving producer could write. */
export async function publishRaw(config: KafkaTestConfig, messages: RawMessage[]): Promise<void> {
  const producer = new Producer({
    clientId: 'itest-producer',
    bootstrapBrokers: config.brokers,
    serializers: stringSerializers,
  });
  try {
    // Small sends: a partition's share of one send is one record batch, which the broker caps at 1 MB.
    for (let i = 0; i < messages.length; i += 200) {
      await producer.send({
        messages: messages.slice(i, i + 200).map((m) => ({ topic: config.firehoseTopic, ...m })),
        acks: -1,
      });
    }
  } finally {
    await producer.close();
  }
}

export interface DeadLetterRead {
  key: string | undefined;
  value: string | undefined;
  headers: Record<string, string>;
}

/** Reads `count` dead letters from the start of the dead-letter topic (with a throw-away group). */
export async function readDeadLetters(config: KafkaTestConfig, count: number): Promise<DeadLetterRead[]> {
  const consumer = new Consumer({
    clientId: 'itest-dlq-reader',
    groupId: `${config.indexerGroup}-dlq-reader`,
    bootstrapBrokers: config.brokers,
    deserializers: stringDeserializers,
  });
  const read: DeadLetterRead[] = [];
  try {
    const stream = await consumer.consume({
      topics: [config.deadLetterTopic],
      mode: 'earliest',
      autocommit: false,
    });
    for await (const message of stream) {
      read.push({
        key: message.key ?? undefined,
        value: message.value ?? undefined,
        headers: Object.fromEntries(message.headers),
      });
      if (read.length >= count) break;
    }
    await stream.close();
  } finally {
    await consumer.close(true);
  }
  return read;
}

/** A spawned `sightline consume` (or `sightline detect`, in its group): its stderr lines, and a way to wait for one. */
export interface ConsumerProcess {
  child: ChildProcess;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Waits for a line matching `pattern`, among the lines printed from index `from` on. */
  waitForLine(pattern: RegExp, from?: number, timeoutMs?: number): Promise<string>;
}

export function spawnConsumer(
  config: KafkaTestConfig,
  /** `group` for a member of another group than the command's default (the archiver's). */
  options: {
    esUrl?: string;
    args?: string[];
    command?: 'consume' | 'detect' | 'archive';
    group?: string;
  } = {},
): ConsumerProcess {
  const detect = options.command === 'detect';
  const child = spawn(
    process.execPath,
    [
      sightlineBin,
      options.command ?? 'consume',
      '--brokers',
      config.brokers.join(','),
      '--topic',
      config.firehoseTopic,
      '--dead-letter-topic',
      config.deadLetterTopic,
      '--group',
      options.group ?? (detect ? config.detectorGroup : config.indexerGroup),
      '--session-timeout',
      '6000',
      '--progress-every',
      '1',
      ...(options.args ?? []),
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...(options.esUrl ? { ES_URL: options.esUrl } : {}) },
    },
  );
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
  return {
    child,
    lines,
    exited,
    async waitForLine(pattern, from = 0, timeoutMs = 180_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = lines.slice(from).find((l) => pattern.test(l));
        if (line !== undefined) return line;
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`consume exited before printing ${pattern}:\n${lines.join('\n')}`);
        }
        if (Date.now() > deadline) throw new Error(`consume never printed ${pattern}:\n${lines.join('\n')}`);
        await sleep(200);
      }
    },
  };
}

type Watched = ConsumerProcess | readonly ConsumerProcess[];

const watchedList = (alive?: Watched): readonly ConsumerProcess[] =>
  alive === undefined ? [] : 'child' in alive ? [alive] : alive;

/**
 * A wait shorter than the tests' own timeouts (240 s) that fails with what it saw: a stall then says
 * how far the count got and what the pipeline's processes said last, not a bare "Test timed out".
 */
const WAIT_MS = 120_000;

/**
 * Polls until `read()` returns at least `target`, and returns that value. Fails at once if a watched
 * process exits, and past the deadline with the last value and each watched process's last lines.
 */
export async function waitUntil(
  read: () => Promise<number>,
  target: number,
  alive?: Watched,
  timeoutMs = WAIT_MS,
): Promise<number> {
  return poll(
    read,
    (value) => value >= target,
    alive,
    timeoutMs,
    (value) => `${value} of ${target}`,
  );
}

/** Polls the group's lag until it is 0, and returns it; fails as `waitUntil` does. */
export async function waitForDrain(
  config: KafkaTestConfig,
  alive?: Watched,
  timeoutMs = WAIT_MS,
): Promise<number> {
  const lag = async () => (await pipelineLag(config)).totalLag;
  return poll(
    lag,
    (value) => value === 0,
    alive,
    timeoutMs,
    (value) => `a lag of ${value}`,
  );
}

async function poll(
  read: () => Promise<number>,
  done: (value: number) => boolean,
  alive: Watched | undefined,
  timeoutMs: number,
  describe: (value: number) => string,
): Promise<number> {
  const watched = watchedList(alive);
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    for (const p of watched) throwIfExited(p);
    if (Date.now() > deadline) {
      const said = watched.map(
        (p) => `last lines of ${p.child.spawnargs.slice(2).join(' ')}:\n${p.lines.slice(-30).join('\n')}`,
      );
      throw new Error([`still ${describe(value)} after ${timeoutMs / 1000} s`, ...said].join('\n'));
    }
    await sleep(500);
    value = await read();
  }
  return value;
}

function throwIfExited(consumer: ConsumerProcess): void {
  const { exitCode, signalCode } = consumer.child;
  if (exitCode !== null || signalCode !== null) {
    throw new Error(`consume exited (${exitCode ?? signalCode}):\n${consumer.lines.join('\n')}`);
  }
}
