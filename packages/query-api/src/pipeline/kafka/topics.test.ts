import { describe, expect, it } from 'vitest';
import { FIREHOSE_PARTITIONS, FIREHOSE_RETENTION_MS } from '../config';
import { topicSpecs } from './topics';

const config = { brokers: ['b:9092'], firehoseTopic: 'fh', deadLetterTopic: 'fh.dlq' };

describe('topicSpecs', () => {
  it('asks for every setting explicitly: partitions, replication, a month of retention, deletion', () => {
    const [firehose, deadLetter] = topicSpecs(config, 1);
    expect(firehose).toEqual({
      name: 'fh',
      partitions: FIREHOSE_PARTITIONS,
      replicas: 1,
      configs: {
        'retention.ms': String(FIREHOSE_RETENTION_MS),
        'cleanup.policy': 'delete',
        'min.insync.replicas': '1',
      },
    });
    expect(deadLetter).toMatchObject({ name: 'fh.dlq', partitions: 1, replicas: 1 });
  });

  it('replicates three times at most, and needs two in-sync copies once there are three', () => {
    expect(topicSpecs(config, 2)[0]).toMatchObject({ replicas: 2, configs: { 'min.insync.replicas': '1' } });
    expect(topicSpecs(config, 5)[0]).toMatchObject({ replicas: 3, configs: { 'min.insync.replicas': '2' } });
  });
});
