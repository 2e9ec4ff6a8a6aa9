import type { Command } from 'commander';
import {
  brokersFrom,
  DEAD_LETTER_TOPIC,
  DETECTOR_GROUP,
  FIREHOSE_TOPIC,
  INDEXER_GROUP,
  type PipelineConfig,
} from '../pipeline/config';
import { UsageError } from './errors';

export interface KafkaFlags {
  brokers?: string;
  topic?: string;
  deadLetterTopic?: string;
}

const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/** --brokers, --topic and --dead-letter-topic, with the environment and the contract as defaults. */
export function addKafkaOptions(command: Command): Command {
  return command
    .option(
      '--brokers <list>',
      'Kafka brokers, host:port,host:port (default KAFKA_BROKERS or 127.0.0.1:9092)',
    )
    .option('--topic <name>', 'the firehose topic (default SIGHTLINE_FIREHOSE_TOPIC or sightline.authlog)')
    .option('--dead-letter-topic <name>', 'the dead-letter topic (default sightline.authlog.dlq)');
}

/**
 * The pipeline settings in effect for a command; bad values are usage errors. `--group` names the
 * indexer group for `consume` and the detector group for `detect`.
 */
export function kafkaConfigOf(
  flags: KafkaFlags & { group?: string; detectorGroup?: string },
  env: Record<string, string | undefined> = process.env,
): Omit<PipelineConfig, 'shardUrls'> {
  let brokers: string[];
  try {
    brokers = brokersFrom(flags.brokers ?? env.KAFKA_BROKERS);
  } catch (error) {
    throw new UsageError(
      error instanceof Error ? error.message.replace('KAFKA_BROKERS', '--brokers') : String(error),
    );
  }
  const config = {
    brokers,
    firehoseTopic: flags.topic ?? env.SIGHTLINE_FIREHOSE_TOPIC ?? FIREHOSE_TOPIC,
    deadLetterTopic: flags.deadLetterTopic ?? env.SIGHTLINE_DEAD_LETTER_TOPIC ?? DEAD_LETTER_TOPIC,
    indexerGroup: flags.group ?? env.SIGHTLINE_INDEXER_GROUP ?? INDEXER_GROUP,
    detectorGroup: flags.detectorGroup ?? env.SIGHTLINE_DETECTOR_GROUP ?? DETECTOR_GROUP,
  };
  for (const [what, name] of [
    ['--topic', config.firehoseTopic],
    ['--dead-letter-topic', config.deadLetterTopic],
  ] as const) {
    if (!TOPIC_NAME.test(name))
      throw new UsageError(`${what}: "${name}" is not a Kafka topic name (letters, digits, ".", "_", "-")`);
  }
  if (config.firehoseTopic === config.deadLetterTopic) {
    throw new UsageError('the firehose and the dead-letter topic must differ');
  }
  for (const group of [config.indexerGroup, config.detectorGroup]) {
    if (!/^[\w.-]{1,255}$/.test(group)) {
      throw new UsageError(`--group: "${group}" is not a group name (letters, digits, ".", "_", "-")`);
    }
  }
  return config;
}
