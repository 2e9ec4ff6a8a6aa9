import type { Command } from 'commander';
import { brokersFrom, FIREHOSE_TOPIC, shardUrlsFrom } from '../../pipeline/config';
import { createKafkaPublisher } from '../../pipeline/kafka/publisher';
import { describeError } from '../../pipeline/kafka/retry';
import { PauseStore, PauseWatch } from '../../pipeline/pauses';
import { loadLogRecorder } from '../../pipeline/source/load-log-entry';
import { runMysqlBatcher } from '../../pipeline/source/run';
import { parseShardUrl, type ShardAddress } from '../../pipeline/source/shard-url';
import { esClientFor } from '../command';
import { UsageError } from '../errors';
import { integerOption } from '../options';

interface SourceMysqlFlags {
  shards?: string;
  batch: number;
  pollMs: number;
  gapHoldMs: number;
  once?: boolean;
  brokers?: string;
  topic?: string;
  cursor?: string;
  loadLog: boolean;
  json?: boolean;
}

const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

function shardsFrom(flags: SourceMysqlFlags): ShardAddress[] {
  try {
    const urls = shardUrlsFrom(
      flags.shards === undefined ? process.env : { ...process.env, SIGHTLINE_MYSQL_SHARDS: flags.shards },
    );
    const shards = urls.map(parseShardUrl);
    const names = new Set(shards.map((s) => `${String(s.server.host)}:${s.server.port}/${s.database}`));
    if (names.size !== shards.length) throw new Error('the same shard is listed twice');
    return shards;
  } catch (error) {
    const message = (error as Error).message;
    throw new UsageError(
      flags.shards === undefined ? message : `--shards: ${message.replace(/^SIGHTLINE_MYSQL_SHARDS: /, '')}`,
    );
  }
}

function say(line: string): void {
  process.stderr.write(`sightline source: ${line}\n`);
}

export function registerSource(program: Command): void {
  const source = program
    .command('source')
    .description('move records from a system of record onto the firehose');
  const command = source
    .command('mysql')
    .description(
      'publish new rows of every MariaDB/MySQL shard onto the firehose, in id order per shard, storing each ' +
        "shard's cursor after the brokers acknowledged; runs until stopped",
    )
    .option(
      '--shards <urls>',
      'comma-separated mysql://user:pass@host:port/db URLs (default: SIGHTLINE_MYSQL_SHARDS, else SIGHTLINE_MYSQL_URL with the demo shards)',
    )
    // 5,000 rows a batch cost 15% less CPU than 1,000 moving a backlog (bench/results/pipeline.md);
    // once caught up a read holds only what arrived since the last one, so freshness is unchanged.
    .option('--batch <n>', 'rows per read and per publish', integerOption(1, 100_000), 5000)
    .option('--poll-ms <ms>', 'wait between reads once caught up', integerOption(10, 60_000), 200)
    .option(
      '--gap-hold-ms <ms>',
      'how long a gap in the ids may still fill (an insert not yet committed) before it is passed',
      integerOption(0, 600_000),
      3000,
    )
    .option('--once', 'drain every shard to its current end, then exit')
    .option('--brokers <list>', 'Kafka brokers, host:port,… (default: KAFKA_BROKERS, else 127.0.0.1:9092)')
    .option('--topic <name>', 'firehose topic (default: SIGHTLINE_FIREHOSE_TOPIC, else sightline.authlog)')
    .option('--cursor <name>', "name of the cursor kept in each shard (default: the topic's name)")
    .option('--no-load-log', 'do not record batches in the Elasticsearch load log')
    .option('--json', 'with --once, print the per-shard summary as JSON')
    .action(async (flags: SourceMysqlFlags) => {
      const shards = shardsFrom(flags);
      let brokers: string[];
      try {
        brokers = brokersFrom(flags.brokers ?? process.env.KAFKA_BROKERS);
      } catch (error) {
        throw new UsageError(`--brokers: ${(error as Error).message}`);
      }
      const topic = flags.topic ?? process.env.SIGHTLINE_FIREHOSE_TOPIC ?? FIREHOSE_TOPIC;
      if (!TOPIC_NAME.test(topic)) throw new UsageError(`--topic: "${topic}" is not a Kafka topic name`);
      const cursorName = flags.cursor ?? topic;
      if (cursorName === '' || cursorName.length > 191) {
        throw new UsageError('--cursor: a name of 1 to 191 characters');
      }
      if (flags.json && !flags.once) throw new UsageError('--json needs --once');

      const stop = new AbortController();
      const onSignal = (signal: NodeJS.Signals) => {
        if (stop.signal.aborted) {
          say(`${signal} again: exiting without waiting`);
          process.exit(130);
        }
        say(`${signal}: finishing the batch in flight, then exiting`);
        stop.abort();
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);

      const es = flags.loadLog ? esClientFor(command) : null;
      // Pauses are kept in Elasticsearch beside the load log: without it none is honoured.
      const pauses = es ? new PauseWatch(new PauseStore(es)) : null;
      try {
        for (const shard of shards) say(`mysql/${shard.database} → ${topic} (cursor "${cursorName}")`);
        const summaries = await runMysqlBatcher({
          shards,
          cursorName,
          openPublisher: () =>
            Promise.resolve(createKafkaPublisher({ brokers, firehoseTopic: topic }, { topic })),
          batch: flags.batch,
          pollMs: flags.pollMs,
          holdMs: flags.gapHoldMs,
          once: flags.once ?? false,
          maxFailures: flags.once ? 8 : undefined,
          signal: stop.signal,
          onCommit: es ? loadLogRecorder(es, say) : undefined,
          pausedBecause: pauses
            ? async (stream) => {
                const pause = await pauses.pauseOf(stream);
                return pause ? `${pause.check ?? 'by hand'}: ${pause.reason}` : null;
              }
            : undefined,
          onPause: (stream, reason) =>
            say(
              reason === null
                ? `${stream}: resumed, reading from its cursor`
                : `${stream}: paused (${reason}); its rows wait in the shard until \`sightline quality resume ${stream} --reason …\``,
            ),
          onError: (stream, error, failures, retryInMs) =>
            say(
              `${stream}: ${describeError(error)} ` +
                `(failure ${failures}; retrying in ${(retryInMs / 1000).toFixed(1)} s)`,
            ),
        });
        if (flags.json) {
          const rows = summaries.map((s) => ({
            stream: s.stream,
            rows: s.rows,
            batches: s.batches,
            cursor: s.cursor?.toString() ?? null,
            ended: s.ended,
          }));
          process.stdout.write(`${JSON.stringify(rows)}\n`);
        } else {
          for (const s of summaries) {
            process.stdout.write(
              `${s.stream}: ${s.rows.toLocaleString('en-US')} rows in ${s.batches} batches, cursor ${s.cursor ?? '-'} (${s.ended})\n`,
            );
          }
        }
        const failed = summaries.find((s) => s.ended === 'failed');
        if (failed) {
          throw new Error(
            `${failed.stream}: gave up (${failed.error instanceof Error ? failed.error.message : String(failed.error)})`,
          );
        }
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        await es?.close();
      }
    });
}
