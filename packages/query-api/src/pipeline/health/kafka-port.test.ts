import { describe, expect, it } from 'vitest';
import type { PipelineLag as KafkaLag } from '../kafka/lag';
import { kafkaPipelinePort } from './kafka-port';

const config = {
  brokers: ['127.0.0.1:9092'],
  firehoseTopic: 'sightline.authlog',
  deadLetterTopic: 'sightline.authlog.dlq',
  indexerGroup: 'sightline-indexer',
};

const found: KafkaLag = {
  topic: config.firehoseTopic,
  group: config.indexerGroup,
  partitions: [
    { partition: 0, committed: 10, logEnd: 12, lag: 2 },
    { partition: 1, committed: null, logEnd: 3, lag: 3 },
  ],
  totalLag: 5,
  deadLetter: { topic: config.deadLetterTopic, messages: 4 },
};

describe('the Kafka lag port', () => {
  it("hands the API each partition's committed offset, end and lag, and the dead-letter count", async () => {
    const port = kafkaPipelinePort(config, async () => found);
    expect(port).toMatchObject({ firehoseTopic: 'sightline.authlog', indexerGroup: 'sightline-indexer' });
    expect(await port.lag()).toEqual({
      partitions: [
        { partition: 0, committed: 10, end: 12, lag: 2 },
        { partition: 1, committed: null, end: 3, lag: 3 },
      ],
      deadLetters: 4,
    });
  });

  it('reads once at a time: callers while a read is out share it, the next caller reads again', async () => {
    let reads = 0;
    let release: (() => void) | undefined;
    const port = kafkaPipelinePort(config, () => {
      reads += 1;
      return new Promise((resolve) => (release = () => resolve(found)));
    });
    const first = port.lag();
    const second = port.lag();
    expect(reads).toBe(1);
    release!();
    expect(await first).toEqual(await second);
    const third = port.lag();
    expect(reads).toBe(2);
    release!();
    await third;
  });
});
