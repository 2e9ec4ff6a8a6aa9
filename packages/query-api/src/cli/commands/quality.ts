import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { esClientFor } from '../command';
import { UsageError } from '../errors';
import { dateOption, integerOption } from '../options';
import { failed, formatResults, QUALITY_THRESHOLDS, runQualityChecks } from '../../pipeline/quality';
import { PauseStore, type PauseEvent } from '../../pipeline/pauses';
import { runQualityWatch } from '../../pipeline/quality/watch-daemon';

interface QualityFlags {
  now?: Date;
  streamPrefix?: string;
  customerPrefix?: string;
  json?: boolean;
  watch?: boolean;
  interval: number;
  everyMinutes: number;
}

function formatPaused(paused: readonly PauseEvent[]): string {
  if (paused.length === 0) return '';
  const lines = paused.map(
    (p) => `  ${p.source}  since ${p['@timestamp']}  by ${p.check ?? p.by}: ${p.reason}`,
  );
  return `paused sources (resume with \`sightline quality resume <source> --reason …\`):\n${lines.join('\n')}\n`;
}

export function registerQuality(program: Command): void {
  const quality = program
    .command('quality')
    .description(
      'run the data-quality checks now, keep their results in sightline-quality and print them with the paused sources; exits 1 when a critical check fails',
    )
    .option('--now <time>', 'the instant to check as of (ISO 8601), for a past period', dateOption)
    .option('--stream-prefix <prefix>', 'only load-log streams starting with this')
    .option('--customer-prefix <prefix>', 'only customers whose id starts with this')
    .option('--json', 'print the results as JSON')
    .option(
      '--watch',
      'run until stopped: judge every new load, run every check on a schedule, and pause the sources of failing checks whose policy is pause',
    )
    .option('--interval <seconds>', 'with --watch: pause between passes', integerOption(1, 3600), 10)
    .option('--every-minutes <n>', 'with --watch: how often every check runs', integerOption(1, 1440), 15)
    .exitOverride()
    .action(async (flags: QualityFlags, command: Command) => {
      if (flags.watch && (flags.now || flags.json || flags.streamPrefix || flags.customerPrefix)) {
        throw new UsageError(
          '--watch judges every source as it loads: --now, --json and the prefixes go without it',
        );
      }
      const client = esClientFor(command);
      try {
        if (flags.watch) {
          const controller = new AbortController();
          const stop = () => controller.abort();
          process.once('SIGTERM', stop);
          process.once('SIGINT', stop);
          try {
            await runQualityWatch({
              es: client,
              intervalMs: flags.interval * 1000,
              scheduleMs: flags.everyMinutes * 60_000,
              signal: controller.signal,
              log: (line) => process.stdout.write(`${line}\n`),
            });
          } finally {
            process.off('SIGTERM', stop);
            process.off('SIGINT', stop);
          }
          return;
        }
        const [results, paused] = await Promise.all([
          runQualityChecks({
            client,
            now: flags.now ?? new Date(),
            thresholds: QUALITY_THRESHOLDS,
            streamPrefix: flags.streamPrefix,
            customerPrefix: flags.customerPrefix,
          }),
          new PauseStore(client).paused(),
        ]);
        const shown = flags.streamPrefix
          ? paused.filter((p) => p.source.startsWith(flags.streamPrefix!))
          : paused;
        process.stdout.write(
          flags.json ? `${JSON.stringify(results)}\n` : `${formatResults(results)}${formatPaused(shown)}`,
        );
        if (failed(results)) process.exitCode = 1;
      } finally {
        await client.close();
      }
    });

  quality
    .command('resume <source>')
    .description('resume loading from a source a quality check paused (recorded with who and why)')
    .requiredOption('--reason <text>', 'why loading may go on: kept with the resume')
    .exitOverride()
    .action(async (source: string, flags: { reason: string }, command: Command) => {
      if (flags.reason.trim() === '') throw new UsageError('--reason: say why loading may go on');
      const client = esClientFor(command);
      try {
        const store = new PauseStore(client);
        if (!(await store.resume(source, flags.reason.trim(), userInfo().username))) {
          throw new UsageError(`${source} is not paused`);
        }
        process.stdout.write(`${source}: resumed; its loader reads from where it stopped\n`);
      } finally {
        await client.close();
      }
    });
}
