import type { Command } from 'commander';
import { runSink, SINK_DEFAULTS } from '../../pipeline/kafka';
import { esClientFor, indexLayoutOf } from '../command';
import { addKafkaOptions, kafkaConfigOf, runGroupMember, type KafkaFlags } from '../kafka';
import { integerOption } from '../options';

interface ConsumeFlags extends KafkaFlags {
  group?: string;
  batch: number;
  lingerMs: number;
  bulkDocs: number;
  bulkMb: number;
  concurrency: number;
  sessionTimeout: number;
  progressEvery: number;
}

export function registerConsume(program: Command): void {
  const command = addKafkaOptions(
    program
      .command('consume')
      .description(
        'index the firehose into Elasticsearch as a member of the indexer consumer group (runs until SIGTERM or SIGINT)',
      )
      .option('--group <id>', 'consumer group (default SIGHTLINE_INDEXER_GROUP or sightline-indexer)')
      .option(
        '--batch <n>',
        'most messages per batch (half as many are fetched ahead)',
        integerOption(1, 100_000),
        SINK_DEFAULTS.batchMessages,
      )
      .option(
        '--linger-ms <ms>',
        'how long a batch waits to fill',
        integerOption(0, 60_000),
        SINK_DEFAULTS.lingerMs,
      )
      .option(
        '--bulk-docs <n>',
        'documents per bulk request',
        integerOption(1, 100_000),
        SINK_DEFAULTS.bulkDocs,
      )
      .option(
        '--bulk-mb <n>',
        'megabytes per bulk request',
        integerOption(1, 100),
        SINK_DEFAULTS.bulkBytes / (1024 * 1024),
      )
      .option(
        '--concurrency <n>',
        'bulk requests in flight per batch',
        integerOption(1, 16),
        SINK_DEFAULTS.concurrency,
      )
      .option(
        '--session-timeout <ms>',
        "how soon a dead member's partitions move to the others",
        integerOption(6000, 1_800_000),
        SINK_DEFAULTS.sessionTimeoutMs,
      )
      .option(
        '--progress-every <n>',
        'a progress line every n batches (and every 10 s)',
        integerOption(1),
        100,
      ),
  );
  command.action(async (flags: ConsumeFlags) => {
    const config = kafkaConfigOf(flags);
    const layout = indexLayoutOf();
    const es = esClientFor(command);
    try {
      await runGroupMember('consume', config, async (signal, log) => {
        log(`consume: ${config.firehoseTopic} → Elasticsearch as group ${config.indexerGroup}`);
        await runSink({
          config,
          es,
          signal,
          batchMessages: flags.batch,
          lingerMs: flags.lingerMs,
          bulkDocs: flags.bulkDocs,
          bulkBytes: flags.bulkMb * 1024 * 1024,
          concurrency: flags.concurrency,
          sessionTimeoutMs: flags.sessionTimeout,
          heartbeatIntervalMs: Math.min(3000, Math.floor(flags.sessionTimeout / 3)),
          progressEvery: flags.progressEvery,
          layout,
          log,
        });
      });
    } finally {
      await es.close();
    }
  });
}
