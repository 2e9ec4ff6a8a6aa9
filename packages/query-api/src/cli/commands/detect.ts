import type { Command } from 'commander';
import { ensureTopics } from '../../pipeline/kafka';
import { DETECT_DEFAULTS, runDetect } from '../../pipeline/detect/run';
import { WARM_MAX_RECORDS } from '../../pipeline/detect/warm';
import { describeError, retryDelay, sleepUnlessStopped } from '../../pipeline/kafka/retry';
import { esClientFor } from '../command';
import { addKafkaOptions, kafkaConfigOf, type KafkaFlags } from '../kafka';
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
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const stop = new AbortController();
    const onSignal = (signal: NodeJS.Signals) => {
      if (stop.signal.aborted) return;
      log(`detect: ${signal}: finishing the batch in hand, committing, leaving the group`);
      stop.abort();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    const es = esClientFor(command);
    try {
      // A daemon outlives broker restarts: wait for the brokers rather than exit.
      for (let attempt = 0; !stop.signal.aborted; attempt++) {
        try {
          await ensureTopics(config);
          break;
        } catch (error) {
          const ms = retryDelay(attempt);
          log(
            `detect: Kafka at ${config.brokers.join(',')}: ${describeError(error)}; retrying in ${(ms / 1000).toFixed(1)} s`,
          );
          await sleepUnlessStopped(ms, stop.signal).catch(() => undefined);
        }
      }
      if (stop.signal.aborted) return;
      log(`detect: ${config.firehoseTopic} → findings as group ${config.detectorGroup}`);
      await runDetect({
        config,
        es,
        signal: stop.signal,
        batchMessages: flags.batch,
        lingerMs: flags.lingerMs,
        warmRecords: flags.warmRecords,
        sessionTimeoutMs: flags.sessionTimeout,
        progressEvery: flags.progressEvery,
        log,
      });
    } finally {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      await es.close();
    }
  });
}
