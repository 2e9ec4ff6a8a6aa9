import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { generateRecords } from '../../generate';
import {
  defaultRejectPath,
  formatSummary,
  ingest,
  openSource,
  progressReporter,
  readSource,
  RejectFile,
  type SourceItem,
} from '../../ingest';
import { FileArchive } from '../../pipeline/archive/file-archive';
import { addArchiveDirOption, archiveDirOf } from '../archive-dir';
import { esClientFor, esUrlOf, indexLayoutOf } from '../command';
import { UsageError } from '../errors';
import { integerOption, customerOption } from '../options';
import { addGeneratorOptions, generatorOptions, type GenerateFlags } from './generate';

interface IngestFlags extends Partial<GenerateFlags> {
  generate?: boolean;
  count?: number;
  customer?: string;
  rejects?: string;
  refresh?: boolean;
  json?: boolean;
  concurrency: number;
  batchDocs: number;
  batchMb: number;
  archive: boolean;
  archiveDir?: string;
}

function* generated(flags: IngestFlags & GenerateFlags & { count: number }): Generator<SourceItem> {
  let line = 0;
  for (const record of generateRecords(generatorOptions(flags))) yield { line: ++line, value: record };
}

export function registerIngest(program: Command): void {
  const command = program
    .command('ingest')
    .description(
      'index auth log records (canonical or Duo v2 NDJSON, a saved Duo API response, or generated)',
    )
    .argument('[file]', 'input file, or - for stdin')
    .option('--generate', 'ingest generated records instead of a file (with --count, --seed, …)')
    .option('--customer <id>', 'tenant for records that carry none (Duo exports)', customerOption)
    .option('--rejects <file>', 'where unusable records go (default <file>.rejects.ndjson)')
    .option('--refresh', 'refresh the indices at the end so searches see everything at once')
    .option('--json', 'print the summary as JSON')
    .option('--concurrency <n>', 'bulk requests in flight', integerOption(1, 64), 4)
    .option('--batch-docs <n>', 'documents per bulk request', integerOption(1, 100_000), 5000)
    .option('--batch-mb <n>', 'megabytes per bulk request', integerOption(1, 100), 8)
    .option('--no-archive', 'do not keep the accepted records as read in the raw archive');
  addArchiveDirOption(command);
  addGeneratorOptions(command).action(
    async (file: string | undefined, flags: IngestFlags & GenerateFlags) => {
      if (flags.generate && file) throw new UsageError('give either an input file or --generate, not both');
      if (!flags.generate && !file)
        throw new UsageError('name an input file (- for stdin) or use --generate --count <n>');
      if (flags.generate && flags.count === undefined) throw new UsageError('--generate needs --count <n>');
      if (file && file !== '-' && (!existsSync(file) || !statSync(file).isFile())) {
        throw new UsageError(`input file not found: ${file}`);
      }

      const layout = indexLayoutOf();
      const client = esClientFor(command);
      try {
        await client.cluster.health({ timeout: '5s' });
      } catch (error) {
        throw new Error(
          `cannot reach Elasticsearch at ${esUrlOf(command)}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const items =
        flags.generate && flags.count !== undefined
          ? generated({ ...flags, count: flags.count })
          : readSource(openSource(file ?? '-'));
      const rejects = new RejectFile(
        flags.rejects ?? defaultRejectPath(flags.generate ? null : (file ?? null)),
      );
      const progress = progressReporter(process.stderr, flags.generate ? (flags.count ?? null) : null);
      const stream = flags.generate ? 'generated' : file && file !== '-' ? file : 'stdin';
      // The lines accepted, as read, so a later version can read again what this one ignored.
      const archive = flags.archive
        ? await FileArchive.open(archiveDirOf(flags), stream, flags.customer)
        : null;
      try {
        const summary = await ingest(client, {
          items,
          rejects,
          customer: flags.customer,
          refresh: flags.refresh ?? false,
          layout,
          loadLog: { stream },
          ...(archive ? { onAccepted: (item) => archive.add(item) } : {}),
          bulk: {
            concurrency: flags.concurrency,
            maxDocs: flags.batchDocs,
            maxBytes: flags.batchMb * 1024 * 1024,
          },
          onProgress: (p) => progress.update(p),
        });
        await archive?.commit(client);
        progress.stop();
        process.stdout.write(flags.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary));
      } finally {
        progress.stop();
        // Left uncommitted by a failure: no partial segment appears (a committed one stays).
        await archive?.abort();
        await client.close();
      }
    },
  );
}
