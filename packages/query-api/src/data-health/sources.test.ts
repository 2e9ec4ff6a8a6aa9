import { describe, expect, it } from 'vitest';
import type { Freshness, PipelineHealth } from '@sightline/schema/api-schemas';
import { QUALITY_THRESHOLDS } from '../pipeline/quality/thresholds';
import { sourcesHealth } from './sources';

const NOW = new Date('2026-02-01T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const freshness = { customer: null } as Freshness;
/** mysql/shard_0 held by the row-count check; mysql/shard_9, paused by hand, has not loaded lately. */
const paused: PipelineHealth['paused'] = [
  {
    source: 'mysql/shard_0',
    since: ago(7_200_000),
    check: 'zero_rows',
    reason: 'no rows for 2 h',
    by: 'quality',
  },
  { source: 'mysql/shard_9', since: ago(86_400_000), check: null, reason: 'migrating', by: 'ops' },
];
const pipeline = (kafka: PipelineHealth['kafka']): PipelineHealth =>
  ({
    status: 'lagging',
    reasons: ['12000 messages waiting'],
    kafka,
    firehose: [{ partition: 3, stream: 'sightline.authlog/3', lastBatch: {} }],
    shards: [],
    paused,
  }) as unknown as PipelineHealth;
const stream = (name: string, loader: 'sink' | 'batcher' | 'version', eventAgo: number | null) => ({
  stream: name,
  loader,
  newestEvent: eventAgo === null ? null : ago(eventAgo),
  newestIngested: ago(60_000),
  lastBatchAt: ago(30_000),
  lastPosition: '41',
});

describe('the sources panel', () => {
  const streams = [
    stream('sightline.authlog/3', 'sink', 60_000),
    stream('mysql/shard_0', 'batcher', QUALITY_THRESHOLDS.freshnessMs + 1),
    stream('versions/2026.01', 'version', 0),
  ];

  it("gives a firehose partition its lag and every source the freshness check's verdict", () => {
    const kafka = {
      available: true as const,
      topic: 'sightline.authlog',
      group: 'g',
      totalLag: 12_000,
      partitions: [{ partition: 3, committed: 1, end: 12_001, lag: 12_000 }],
      deadLetterTopic: 'd',
      deadLetters: 2,
    };
    const health = sourcesHealth(streams, pipeline(kafka), freshness, NOW);
    expect(
      health.sources.map((s) => [s.stream, s.partition, s.lag, s.freshness, s.newestEventAgeMs]),
    ).toEqual([
      ['sightline.authlog/3', 3, 12_000, 'pass', 60_000],
      ['mysql/shard_0', null, null, 'fail', QUALITY_THRESHOLDS.freshnessMs + 1],
    ]);
    expect(health).toMatchObject({
      status: 'lagging',
      lagAvailable: true,
      deadLetters: 2,
      freshnessMs: QUALITY_THRESHOLDS.freshnessMs,
    });
    expect(health.sources[0]).toMatchObject({
      lastBatchAgeMs: 30_000,
      newestIngestedAgeMs: 60_000,
      position: '41',
    });
  });

  it('says why the lag is unknown when Kafka cannot be read, and calls a source without events stale', () => {
    const health = sourcesHealth(
      [stream('sightline.authlog/3', 'sink', null)],
      pipeline({ available: false, reason: 'Kafka is not configured' }),
      freshness,
      NOW,
    );
    expect(health).toMatchObject({
      lagAvailable: false,
      lagUnavailable: 'Kafka is not configured',
      deadLetters: null,
    });
    expect(health.sources[0]).toMatchObject({
      lag: null,
      freshness: 'fail',
      newestEventAt: null,
      newestEventAgeMs: null,
    });
  });

  it('marks a paused source in the table, and lists every paused source, loaded lately or not', () => {
    const health = sourcesHealth(streams, pipeline({ available: false, reason: 'down' }), freshness, NOW);
    expect(health.sources.map((s) => [s.stream, s.paused?.check ?? null, s.paused?.by ?? null])).toEqual([
      ['sightline.authlog/3', null, null],
      ['mysql/shard_0', 'zero_rows', 'quality'],
    ]);
    expect(health.paused.map((p) => p.source)).toEqual(['mysql/shard_0', 'mysql/shard_9']);
  });
});
