import type { Command } from 'commander';
import { describeTopics, ensureTopics, type TopicState } from '../../pipeline/kafka';
import { FIREHOSE_PARTITIONS } from '../../pipeline/config';
import { addKafkaOptions, kafkaConfigOf, type KafkaFlags } from '../kafka';
import { integerOption } from '../options';

interface TopicsFlags extends KafkaFlags {
  partitions?: number;
  json?: boolean;
}

function format(states: TopicState[]): string {
  return states
    .map((t) =>
      t.exists
        ? `${t.name}  ${t.partitions} partitions, ${t.replicas} replicas, ${Object.entries(t.configs)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`
        : `${t.name}  missing (sightline topics create)`,
    )
    .join('\n')
    .concat('\n');
}

export function registerTopics(program: Command): void {
  const topics = program.command('topics').description('the firehose and dead-letter Kafka topics');
  const create = addKafkaOptions(
    topics
      .command('create')
      .description(
        'create the firehose and the dead-letter topic if missing (existing ones are left as they are)',
      )
      .option('--partitions <n>', 'firehose partitions', integerOption(1, 10_000), FIREHOSE_PARTITIONS)
      .option('--json', 'print the topics as JSON'),
  );
  create.action(async (flags: TopicsFlags) => {
    const states = await ensureTopics(kafkaConfigOf(flags), { partitions: flags.partitions });
    process.stdout.write(flags.json ? `${JSON.stringify(states)}\n` : format(states));
  });
  const describe = addKafkaOptions(
    topics
      .command('describe')
      .description('show partitions, replicas and retention of both topics')
      .option('--json', 'print as JSON'),
  );
  describe.action(async (flags: TopicsFlags) => {
    const states = await describeTopics(kafkaConfigOf(flags));
    process.stdout.write(flags.json ? `${JSON.stringify(states)}\n` : format(states));
    if (states.some((s) => !s.exists)) process.exitCode = 1;
  });
  for (const sub of topics.commands) sub.exitOverride();
}
