import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exitIfStillRunning } from './kafka';

const bin = fileURLToPath(new URL('../../bin/sightline.js', import.meta.url));
/** Runs the real CLI with brokers and Elasticsearch on closed ports, so nothing is reached by accident. */
const sightline = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ES_URL: 'http://127.0.0.1:9', KAFKA_BROKERS: '127.0.0.1:9' },
  });

describe('the pipeline commands', { timeout: 60_000 }, () => {
  it.each([
    [['consume', '--brokers', 'kafka'], /--brokers: "kafka" is not host:port/],
    [['consume', '--topic', 'auth log'], /--topic: "auth log" is not a Kafka topic name/],
    [
      ['topics', 'create', '--topic', 'x', '--dead-letter-topic', 'x'],
      /the firehose and the dead-letter topic must differ/,
    ],
    [['produce', '/no/such/file.ndjson'], /input file not found: \/no\/such\/file.ndjson/],
    [['produce', '-', '--customer', 'a b'], /"a b" is not a customer id \(1 to 64 letters, digits/],
  ])('exit 2 with one line naming the problem: %j', (args, message) => {
    const result = sightline(...args);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.status).toBe(2);
  });

  it('produce exits 1 naming the brokers it cannot reach', () => {
    const result = sightline('produce', '-');
    expect(result.stderr).toMatch(/^sightline: cannot reach Kafka at 127\.0\.0\.1:9/);
    expect(result.status).toBe(1);
  });
});

describe('a daemon that has stopped', () => {
  afterEach(() => vi.useRealTimers());

  it('exits with its exit code, saying why, when a connection still holds the process open', () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const exits: number[] = [];
    exitIfStillRunning(
      'consume',
      (line) => lines.push(line),
      10_000,
      (code) => exits.push(code),
    );
    vi.advanceTimersByTime(9_999);
    expect(exits).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(exits).toEqual([0]);
    expect(lines).toEqual([
      'consume: stopped, but a connection still held the process open 10 s later; exiting',
    ]);
  });
});
