import type { Command } from 'commander';
import { ARCHIVE_DEFAULTS, runArchive } from '../../pipeline/archive/archiver';
import { ARCHIVER_GROUP } from '../../pipeline/config';
import { addArchiveDirOption, archiveDirOf } from '../archive-dir';
import { esClientFor } from '../command';
import { UsageError } from '../errors';
import { addKafkaOptions, kafkaConfigOf, runGroupMember, type KafkaFlags } from '../kafka';
import { integerOption } from '../options';

interface ArchiveFlags extends KafkaFlags {
  group?: string;
  archiveDir?: string;
  batch: number;
  batchMb: number;
  lingerMs: number;
  sessionTimeout: number;
  progressEvery: number;
}

export function registerArchive(program: Command): void {
  const command = addArchiveDirOption(
    addKafkaOptions(
      program
        .command('archive')
        .description(
          'keep every firehose message exactly as it arrived, in gzip segments by ingestion day, as a member of the archiver consumer group (runs until SIGTERM or SIGINT)',
        )
        .option('--group <id>', 'consumer group (default SIGHTLINE_ARCHIVER_GROUP or sightline-archiver)')
        .option(
          '--batch <n>',
          'most messages per batch (a batch is one segment per partition and day)',
          integerOption(1, 1_000_000),
          ARCHIVE_DEFAULTS.batchMessages,
        )
        .option(
          '--batch-mb <n>',
          'most megabytes of records per batch',
          integerOption(1, 512),
          ARCHIVE_DEFAULTS.batchBytes / (1024 * 1024),
        )
        .option(
          '--linger-ms <ms>',
          'how long a batch waits to fill',
          integerOption(0, 600_000),
          ARCHIVE_DEFAULTS.lingerMs,
        )
        .option(
          '--session-timeout <ms>',
          "how soon a dead member's partitions move to the others",
          integerOption(6000, 1_800_000),
          ARCHIVE_DEFAULTS.sessionTimeoutMs,
        )
        .option(
          '--progress-every <n>',
          'a progress line every n batches',
          integerOption(1),
          ARCHIVE_DEFAULTS.progressEvery,
        ),
    ),
  );
  command.action(async (flags: ArchiveFlags) => {
    const { group: groupFlag, ...rest } = flags;
    const config = kafkaConfigOf(rest);
    const group = groupFlag ?? process.env.SIGHTLINE_ARCHIVER_GROUP ?? ARCHIVER_GROUP;
    if (!/^[\w.-]{1,255}$/.test(group)) {
      throw new UsageError(`--group: "${group}" is not a group name (letters, digits, ".", "_", "-")`);
    }
    const dir = archiveDirOf(flags);
    const es = esClientFor(command);
    try {
      await runGroupMember('archive', config, async (signal, log) => {
        log(`archive: ${config.firehoseTopic} → ${dir} as group ${group}`);
        await runArchive({
          config,
          group,
          es,
          dir,
          signal,
          batchMessages: flags.batch,
          batchBytes: flags.batchMb * 1024 * 1024,
          lingerMs: flags.lingerMs,
          sessionTimeoutMs: flags.sessionTimeout,
          progressEvery: flags.progressEvery,
          log,
        });
      });
    } finally {
      await es.close();
    }
  });
}
