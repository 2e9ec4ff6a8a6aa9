import type { Command } from 'commander';
import { runSummariser } from '../../summaries/daemon';
import { rebuildSummaries } from '../../summaries/summarise';
import { summaryIndexEnsurer } from '../../summaries/store';
import { esClientFor } from '../command';
import { UsageError } from '../errors';
import { dateOption, integerOption, customerOption } from '../options';

interface SummariseFlags {
  interval: number;
  once?: boolean;
  rebuild?: boolean;
  from?: Date;
  to?: Date;
  customer?: string;
  state?: string;
}

export function registerSummarise(program: Command): void {
  program
    .command('summarise')
    .description(
      'keep the hourly summaries the reports read: recompute every customer-hour the loads in the load log touched (runs until SIGTERM or SIGINT)',
    )
    .option('--interval <seconds>', 'pause between passes once caught up', integerOption(1, 3600), 5)
    .option('--once', 'stop once caught up with the load log')
    .option('--rebuild', 'recompute the summaries of --from … --to whatever the load log says, then stop')
    .option('--from <time>', 'with --rebuild: start of the period (ISO 8601)', dateOption)
    .option('--to <time>', 'with --rebuild: end of the period (ISO 8601)', dateOption)
    .option('--customer <id>', 'with --rebuild: only this customer', customerOption)
    .option(
      '--state <id>',
      "keep this state instead of the pipeline's: a second summariser (to check a rebuild, or in a test) that leaves the running one's place alone",
    )
    .exitOverride()
    .action(async (flags: SummariseFlags, command: Command) => {
      if (flags.rebuild && (!flags.from || !flags.to))
        throw new UsageError('--rebuild needs --from and --to: the period to recompute');
      if (!flags.rebuild && (flags.from || flags.to || flags.customer))
        throw new UsageError('--from, --to and --customer go with --rebuild');
      if (flags.rebuild && flags.state)
        throw new UsageError('--state goes without --rebuild: a rebuild keeps no state');
      if (flags.state !== undefined && !/^[A-Za-z0-9._-]{1,100}$/.test(flags.state))
        throw new UsageError(
          `--state "${flags.state}": up to 100 letters, digits, dots, underscores and hyphens`,
        );
      if (flags.from && flags.to && flags.from >= flags.to)
        throw new UsageError('--from must be before --to');
      const es = esClientFor(command);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      try {
        if (flags.rebuild) {
          await summaryIndexEnsurer(es)();
          const done = await rebuildSummaries(
            es,
            { from: flags.from!.getTime(), to: flags.to!.getTime() },
            flags.customer,
          );
          process.stdout.write(
            `summarise: rebuilt ${done.hours} customer-hours (${done.written} summaries written, ${done.removed} removed)\n`,
          );
          return;
        }
        await runSummariser({
          es,
          ...(flags.state ? { stateId: flags.state } : {}),
          intervalMs: flags.interval * 1000,
          once: flags.once ?? false,
          signal: controller.signal,
          log: (line) => process.stdout.write(`${line}\n`),
        });
      } finally {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
        await es.close();
      }
    });
}
