import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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
