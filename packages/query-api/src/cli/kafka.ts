import type { Command } from 'commander';
import {
  brokersFrom,
  DEAD_LETTER_TOPIC,
  DETECTOR_GROUP,
  firehoseTopicFrom,
  INDEXER_GROUP,
  type PipelineConfig,
} from '../pipeline/config';
import { ensureTopics } from '../pipeline/kafka';
import { describeError, retryDelay, sleepUnlessStopped } from '../pipeline/kafka/retry';
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
    firehoseTopic: flags.topic ?? firehoseTopicFrom(env),
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

/** How long a daemon may take to exit once its work has ended. */
export const EXIT_GRACE_MS = 10_000;

/**
 * Ends the process if it is still running `ms` after a daemon's work ended. A Kafka client that lost
 * its broker can leave a socket or a timer behind after closing, and a daemon that has stopped but
 * never exits holds up whatever waits for it (a deploy, a supervisor, `npm start`'s shutdown). The
 * timer itself does not keep the process alive: a clean exit comes first and it never fires.
 */
export function exitIfStillRunning(
  name: string,
  log: (line: string) => void,
  ms = EXIT_GRACE_MS,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  const timer = setTimeout(() => {
    log(`${name}: stopped, but a connection still held the process open ${ms / 1000} s later; exiting`);
    exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  }, ms);
  timer.unref();
}

/**
 * Runs a long-lived member of a consumer group (the sink, the detector): waits for the brokers
 * rather than exit (a daemon outlives broker restarts), then runs `work` until SIGTERM or SIGINT,
 * which abort its signal so it finishes the batch in hand, commits and leaves the group.
 */
export async function runGroupMember(
  name: string,
  config: Omit<PipelineConfig, 'shardUrls'>,
  work: (signal: AbortSignal, log: (line: string) => void) => Promise<unknown>,
): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) return;
    log(`${name}: ${signal}: finishing the batch in hand, committing, leaving the group`);
    stop.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    for (let attempt = 0; !stop.signal.aborted; attempt++) {
      try {
        await ensureTopics(config);
        break;
      } catch (error) {
        const ms = retryDelay(attempt);
        log(
          `${name}: Kafka at ${config.brokers.join(',')}: ${describeError(error)}; retrying in ${(ms / 1000).toFixed(1)} s`,
        );
        await sleepUnlessStopped(ms, stop.signal).catch(() => undefined);
      }
    }
    if (!stop.signal.aborted) await work(stop.signal, log);
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    exitIfStillRunning(name, log);
  }
}
