import type { Command } from 'commander';
import { esClientFor } from '../command';
import { dateOption } from '../options';
import { failed, formatResults, QUALITY_THRESHOLDS, runQualityChecks } from '../../pipeline/quality';

interface QualityFlags {
  now?: Date;
  streamPrefix?: string;
  customerPrefix?: string;
  json?: boolean;
}

export function registerQuality(program: Command): void {
  program
    .command('quality')
    .description(
      'run the data-quality checks now, keep their results in sightline-quality and print them; exits 1 when a critical check fails',
    )
    .option('--now <time>', 'the instant to check as of (ISO 8601), for a past period', dateOption)
    .option('--stream-prefix <prefix>', 'only load-log streams starting with this')
    .option('--customer-prefix <prefix>', 'only customers whose id starts with this')
    .option('--json', 'print the results as JSON')
    .exitOverride()
    .action(async (flags: QualityFlags, command: Command) => {
      const client = esClientFor(command);
      try {
        const results = await runQualityChecks({
          client,
          now: flags.now ?? new Date(),
          thresholds: QUALITY_THRESHOLDS,
          streamPrefix: flags.streamPrefix,
          customerPrefix: flags.customerPrefix,
        });
        process.stdout.write(flags.json ? `${JSON.stringify(results)}\n` : formatResults(results));
        if (failed(results)) process.exitCode = 1;
      } finally {
        await client.close();
      }
    });
}
