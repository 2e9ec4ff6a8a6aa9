import { describe, expect, it } from 'vitest';
import { isPausable } from './watch';

describe('which sources a pause can hold', () => {
  const topic = 'sightline.authlog';

  it('holds a shard (the batcher) and a firehose partition (the sink)', () => {
    expect(isPausable('mysql/sightline_shard_0', topic)).toBe(true);
    expect(isPausable(`${topic}/0`, topic)).toBe(true);
    expect(isPausable(`${topic}/11`, topic)).toBe(true);
  });

  it('only reports what no loader could hold: a customer, a file, another topic', () => {
    for (const source of [
      'customer:acme',
      'demo/42',
      'archive/sightline.authlog/3',
      'other.topic/1',
      `${topic}/`,
      `${topic}/1x`,
      `${topic}.dlq/0`,
    ]) {
      expect(isPausable(source, topic), source).toBe(false);
    }
  });
});
