import type { Command } from 'commander';
import { addArchiveDirOption, archiveDirOf } from '../archive-dir';
import { esClientFor } from '../command';
import { UsageError } from '../errors';
import { addKafkaOptions, kafkaConfigOf, type KafkaFlags } from '../kafka';
import { dateOption, customerOption } from '../options';
import { formatListing, listVersions } from '../../versions/listing';
import { isMonthStart, parsePeriod, periodsBetween } from '../../versions/names';
import { reprocessPeriod } from '../../versions/reprocess';
import { retireVersion, rollbackVersion, switchVersion, VersionRequestError } from '../../versions/switch';

/** A refusal of the request itself is the operator's input: exit 2 with the reason. */
async function asUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof VersionRequestError) throw new UsageError(error.message);
    throw error;
  }
}

function periodFlag(raw: string | undefined): string {
  if (raw === undefined) throw new UsageError('--period <YYYY.MM> is required');
  const period = parsePeriod(raw);
  if (!period) throw new UsageError(`--period must be a month such as 2026.11, got "${raw}"`);
  return period;
}

export function registerReprocess(program: Command): void {
  const command = addKafkaOptions(
    program
      .command('reprocess')
      .description(
        'rebuild whole months into a new version from the records as received: the raw archive segments the load log lists, and the firehose offsets it recorded where no segment holds them; the version in use is untouched until sightline switch',
      )
      .requiredOption(
        '--from <time>',
        'first month, at its start (ISO 8601, e.g. 2026-11-01T00:00:00Z)',
        dateOption,
      )
      .requiredOption(
        '--to <time>',
        'end of the last month, exclusive (e.g. 2026-12-01T00:00:00Z)',
        dateOption,
      )
      .option(
        '--customer <id>',
        "rebuild only this customer's records; the others are carried over from the version in use",
        customerOption,
      )
      .option('--json', 'print each built version as JSON'),
  );
  addArchiveDirOption(command).action(
    async (
      flags: KafkaFlags & { from: Date; to: Date; customer?: string; json?: boolean; archiveDir?: string },
      command: Command,
    ) => {
      if (!isMonthStart(flags.from) || !isMonthStart(flags.to)) {
        throw new UsageError(
          'a version holds whole months: --from and --to must each be the start of a month (UTC), e.g. 2026-11-01T00:00:00Z',
        );
      }
      if (flags.to <= flags.from) throw new UsageError('--to must be after --from');
      const config = kafkaConfigOf(flags);
      const es = esClientFor(command);
      try {
        for (const period of periodsBetween(flags.from, flags.to)) {
          const built = await reprocessPeriod({
            es,
            config,
            period,
            archiveDir: archiveDirOf(flags),
            ...(flags.customer !== undefined ? { customer: flags.customer } : {}),
            onProgress: (p) =>
              process.stderr.write(
                `reprocess: ${p.version}: ${p.fetches} segments and fetches, ${p.read} records read\n`,
              ),
          });
          for (const file of built.unarchivedFiles) {
            process.stderr.write(
              `reprocess: ${period}: the file load ${file} has no archive segment: its records are not in ${built.index}\n`,
            );
          }
          process.stdout.write(
            flags.json
              ? `${JSON.stringify(built)}\n`
              : `${period}: built ${built.index}${built.resumed ? ' (completed an unfinished run)' : ''} from ${built.segments} archive segments and ${built.ranges} firehose ranges: ${built.read} records read, ${built.stored} stored, ${built.rejected} refused by Elasticsearch; switch with sightline switch --period ${period} --to ${built.index}\n`,
          );
        }
      } finally {
        await es.close();
      }
    },
  );
}

export function registerVersions(program: Command): void {
  program
    .command('versions')
    .description('list the versions of each rebuilt month with their fingerprints, and which is in use')
    .option('--period <YYYY.MM>', 'only this month')
    .option('--json', 'print the list as JSON')
    .action(async (flags: { period?: string; json?: boolean }, command: Command) => {
      const period = flags.period === undefined ? undefined : periodFlag(flags.period);
      const es = esClientFor(command);
      try {
        const list = await listVersions(es, period);
        process.stdout.write(flags.json ? `${JSON.stringify(list)}\n` : formatListing(list));
      } finally {
        await es.close();
      }
    });
}

export function registerSwitch(program: Command): void {
  addKafkaOptions(
    program
      .command('switch')
      .description(
        "move a month's read alias to another version when its fingerprint agrees with the version in use; exits 1 naming each difference past its threshold",
      )
      .option('--period <YYYY.MM>', 'the month')
      .option('--to <version>', 'the version to use (see sightline versions)')
      .option('--force', 'switch despite differences past their thresholds (needs --reason)')
      .option('--reason <text>', 'why a forced switch is right; kept in the switch history'),
  ).action(
    async (
      flags: KafkaFlags & { period?: string; to?: string; force?: boolean; reason?: string },
      command: Command,
    ) => {
      const period = periodFlag(flags.period);
      if (!flags.to) throw new UsageError('--to <version> is required');
      if (flags.force && !flags.reason?.trim()) throw new UsageError('--force needs --reason <why>');
      const config = kafkaConfigOf(flags);
      const es = esClientFor(command);
      try {
        const to = flags.to;
        const result = await asUsage(() =>
          switchVersion({ es, config, period, to, force: flags.force ?? false, reason: flags.reason }),
        );
        for (const d of result.differences) {
          (d.refuses ? process.stderr : process.stdout).write(
            `${d.refuses ? 'difference past its threshold: ' : '  '}${d.text}\n`,
          );
        }
        if (result.outcome === 'refused') {
          process.stderr.write(
            `sightline: switch of ${period} to ${result.to} refused; ${result.from} stays in use (--force --reason to override)\n`,
          );
          process.exitCode = 1;
          return;
        }
        process.stdout.write(
          `${period}: switched from ${result.from} to ${result.to}${flags.force ? ' (forced)' : ''}\n`,
        );
      } finally {
        await es.close();
      }
    },
  );
}

export function registerRollback(program: Command): void {
  addKafkaOptions(
    program
      .command('rollback')
      .description('move a month back to the version in use before its last switch')
      .option('--period <YYYY.MM>', 'the month'),
  ).action(async (flags: KafkaFlags & { period?: string }, command: Command) => {
    const period = periodFlag(flags.period);
    const config = kafkaConfigOf(flags);
    const es = esClientFor(command);
    try {
      const moved = await asUsage(() => rollbackVersion({ es, config, period }));
      process.stdout.write(`${period}: rolled back from ${moved.from} to ${moved.to}\n`);
    } finally {
      await es.close();
    }
  });
}

export function registerRetire(program: Command): void {
  program
    .command('retire')
    .description('delete a version that is not in use (it can no longer be rolled back to)')
    .argument('<version>', 'the version (see sightline versions)')
    .action(async (version: string, _flags: unknown, command: Command) => {
      const es = esClientFor(command);
      try {
        await asUsage(() => retireVersion(es, version));
        process.stdout.write(`retired ${version}\n`);
      } finally {
        await es.close();
      }
    });
}
