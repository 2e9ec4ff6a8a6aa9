import type { Command } from 'commander';
import { DETECT_DEFAULTS, runDetect } from '../../pipeline/detect/run';
import { WARM_MAX_RECORDS } from '../../pipeline/detect/warm';
import { esClientFor } from '../command';
import { addKafkaOptions, kafkaConfigOf, runGroupMember, type KafkaFlags } from '../kafka';
import { integerOption } from '../options';

interface DetectFlags extends KafkaFlags {
  group?: string;
  batch: number;
  lingerMs: number;
  warmRecords: number;
  sessionTimeout: number;
  progressEvery: number;
}

export function registerDetect(program: Command): void {
  const command = addKafkaOptions(
    program
      .command('detect')
      .description(
        'find what is out of the ordinary on the firehose as a member of the detector consumer group, storing findings in Elasticsearch (runs until SIGTERM or SIGINT)',
      )
      .option('--group <id>', 'consumer group (default SIGHTLINE_DETECTOR_GROUP or sightline-detector)')
      .option(
        '--batch <n>',
        'most messages per batch',
        integerOption(1, 100_000),
        DETECT_DEFAULTS.batchMessages,
      )
      .option(
        '--linger-ms <ms>',
        'how long a batch waits to fill',
        integerOption(0, 60_000),
        DETECT_DEFAULTS.lingerMs,
      )
      .option(
        '--warm-records <n>',
        "most stored records (the newest of the last 30 days) read to warm a customer's detector",
        integerOption(0, 10_000_000),
        WARM_MAX_RECORDS,
      )
      .option(
        '--session-timeout <ms>',
        "how soon a dead member's partitions move to the others",
        integerOption(6000, 1_800_000),
        DETECT_DEFAULTS.sessionTimeoutMs,
      )
      .option(
        '--progress-every <n>',
        'a progress line every n batches (and after every batch that wrote findings)',
        integerOption(1),
        DETECT_DEFAULTS.progressEvery,
      ),
  );
  command.action(async (flags: DetectFlags) => {
    const { group, ...rest } = flags;
    const config = kafkaConfigOf({ ...rest, ...(group ? { detectorGroup: group } : {}) });
    const es = esClientFor(command);
    try {
      await runGroupMember('detect', config, async (signal, log) => {
        log(`detect: ${config.firehoseTopic} → findings as group ${config.detectorGroup}`);
        await runDetect({
          config,
          es,
          signal,
          batchMessages: flags.batch,
          lingerMs: flags.lingerMs,
          warmRecords: flags.warmRecords,
          sessionTimeoutMs: flags.sessionTimeout,
          progressEvery: flags.progressEvery,
          log,
        });
      });
    } finally {
      await es.close();
    }
  });
}
