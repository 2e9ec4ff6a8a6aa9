import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import {
  CUSTOMER_PRESET_NAMES,
  generateFormatted,
  OUTPUT_FORMATS,
  writeNdjson,
  type CustomerPreset,
  type OutputFormat,
} from '../../generate';
import { choiceOption, dateOption, integerOption } from '../options';

export interface GenerateFlags {
  seed: string;
  count: number;
  days: number;
  end?: Date;
  customers: CustomerPreset;
  customerPrefix: string;
}

/** The generator flags, shared by `generate`, `ingest --generate` and `demo`. */
export function addGeneratorOptions(command: Command, defaults: { count?: number } = {}): Command {
  const count = new Option('--count <n>', 'number of records').argParser(integerOption(0, 100_000_000));
  if (defaults.count !== undefined) count.default(defaults.count);
  return command
    .addOption(count)
    .option('--seed <seed>', 'seed: the same seed and options give the same records', '1')
    .option('--days <n>', 'length of the period in days', integerOption(1, 3650), 30)
    .option('--end <iso-date>', 'end of the period (default: now)', dateOption)
    .addOption(
      new Option('--customers <preset>', 'customer preset')
        .choices(CUSTOMER_PRESET_NAMES)
        .default('default' as CustomerPreset),
    )
    .option('--customer-prefix <prefix>', 'prefix for every customer id (keeps test data apart)', '');
}

export function generatorOptions(flags: GenerateFlags & { count: number }) {
  return {
    seed: flags.seed,
    count: flags.count,
    days: flags.days,
    ...(flags.end ? { end: flags.end } : {}),
    customers: flags.customers,
    customerPrefix: flags.customerPrefix,
  };
}

export function registerGenerate(program: Command): void {
  const command = program
    .command('generate')
    .description('write realistic, deterministic auth log records as NDJSON');
  addGeneratorOptions(command)
    .option(
      '--format <format>',
      'canonical records or Duo Admin API v2 records',
      choiceOption(OUTPUT_FORMATS),
      'canonical',
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (flags: GenerateFlags & { count?: number; format: OutputFormat; out?: string }) => {
      if (flags.count === undefined)
        command.error('error: required option --count <n> not specified', { exitCode: 2 });
      const records = generateFormatted(generatorOptions({ ...flags, count: flags.count }), flags.format);
      if (flags.out) {
        const out = createWriteStream(flags.out);
        await writeNdjson(records, out);
        out.end();
        await finished(out);
      } else {
        // A closed pipe (`| head`) ends the output quietly, as Unix tools do.
        process.stdout.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'EPIPE') process.exit(0);
          throw error;
        });
        await writeNdjson(records, process.stdout);
      }
    });
}
