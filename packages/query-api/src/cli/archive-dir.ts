import { resolve } from 'node:path';
import type { Command } from 'commander';
import { archiveDirFrom } from '../pipeline/archive/layout';

/** --archive-dir, shared by the commands that write or read the raw archive. */
export function addArchiveDirOption(command: Command): Command {
  return command.option(
    '--archive-dir <path>',
    'the raw archive (default SIGHTLINE_ARCHIVE_DIR, else .sightline/archive under the working directory)',
  );
}

export function archiveDirOf(flags: { archiveDir?: string }): string {
  return flags.archiveDir ? resolve(flags.archiveDir) : archiveDirFrom();
}
