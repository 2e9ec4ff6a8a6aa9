import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { defaultRejectPath, openSource, readSource, RejectFile } from '../../ingest';
import { createKafkaPublisher, ensureTopics, produceItems, type ProduceSummary } from '../../pipeline/kafka';
import { UsageError } from '../errors';
import { addKafkaOptions, kafkaConfigOf, type KafkaFlags } from '../kafka';
import { integerOption, customerOption } from '../options';

interface ProduceFlags extends KafkaFlags {
  customer?: string;
  rejects?: string;
  json?: boolean;
  batch: number;
}

function formatSummary(s: ProduceSummary, topic: string): string {
  const n = (v: number) => v.toLocaleString('en-US');
  return [
    `read       ${n(s.read)}`,
    `published  ${n(s.published)}  → ${topic}`,
    `rejected   ${n(s.rejected)}${s.rejectsFile ? `  → ${s.rejectsFile}` : ''}`,
    `time       ${s.seconds.toFixed(1)} s`,
    '',
  ].join('\n');
}

export function registerProduce(program: Command): void {
  const command = addKafkaOptions(
    program
      .command('produce')
      .description(
        'publish auth log records to the firehose, as received, keyed by customer (canonical or Duo v2 NDJSON, or a saved Duo API response)',
      )
      .argument('<file>', 'input file, or - for stdin')
      .option('--customer <id>', 'tenant for records that carry none (Duo exports)', customerOption)
      .option('--rejects <file>', 'where unusable records go (default <file>.rejects.ndjson)')
      .option('--json', 'print the summary as JSON')
      .option('--batch <n>', 'records per send', integerOption(1, 100_000), 1000),
  );
  command.action(async (file: string, flags: ProduceFlags) => {
    if (file !== '-' && (!existsSync(file) || !statSync(file).isFile())) {
      throw new UsageError(`input file not found: ${file}`);
    }
    const config = kafkaConfigOf(flags);
    try {
      await ensureTopics(config);
    } catch (error) {
      throw new Error(
        `cannot reach Kafka at ${config.brokers.join(',')}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const publisher = createKafkaPublisher(config);
    const rejects = new RejectFile(flags.rejects ?? defaultRejectPath(file));
    let last = 0;
    try {
      const summary = await produceItems({
        items: readSource(openSource(file)),
        publisher,
        rejects,
        customer: flags.customer,
        source: `produce/${file === '-' ? 'stdin' : basename(file)}`,
        batchSize: flags.batch,
        onProgress: (p) => {
          if (Date.now() - last < 5000) return;
          last = Date.now();
          process.stderr.write(`produce: ${p.read} read, ${p.published} published, ${p.rejected} rejected\n`);
        },
      });
      process.stdout.write(
        flags.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary, config.firehoseTopic),
      );
    } finally {
      await rejects.close();
      await publisher.close();
    }
  });
}
