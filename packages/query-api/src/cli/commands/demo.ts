import type { Client } from '@elastic/elasticsearch';
import type { Command } from 'commander';
import { customersFor, generateRecords, type CustomerPreset } from '../../generate';
import {
  defaultRejectPath,
  formatSummary,
  ingest,
  progressReporter,
  RejectFile,
  type SourceItem,
} from '../../ingest';
import { READ_ALIAS } from '../../store/mapping';
import { esClientFor, indexLayoutOf } from '../command';
import { replicaSettings } from '../../store/replicas';
import { UsageError } from '../errors';
import { addDemoLive, backfillShards } from './demo-shards';
import { integerOption } from '../options';

/** Where the demo remembers what it ingested: one small doc per seed, outside the auth log pattern. */
const MARKER_INDEX = 'sightline-demo-state';
const PRESET: CustomerPreset = 'default';

interface Marker {
  seed: string;
  count: number;
  days: number;
  end: string;
  customers: string[];
}

interface DemoFlags {
  seed: string;
  count: number;
  days: number;
  force?: boolean;
  direct?: boolean;
  shards?: string;
}

async function readMarker(client: Client, seed: string): Promise<Marker | null> {
  try {
    const doc = await client.get<Marker>({ index: MARKER_INDEX, id: `demo-${seed}` });
    return doc._source ?? null;
  } catch (error) {
    if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 404) return null;
    throw error;
  }
}

async function countsByCustomer(client: Client, customers: string[]): Promise<Map<string, number>> {
  const response = await client.search<
    unknown,
    { customers: { buckets: { key: string; doc_count: number }[] } }
  >({
    index: READ_ALIAS,
    size: 0,
    allow_no_indices: true,
    ignore_unavailable: true,
    query: { terms: { customer_id: customers } },
    aggs: { customers: { terms: { field: 'customer_id', size: customers.length } } },
  });
  return new Map((response.aggregations?.customers.buckets ?? []).map((b) => [b.key, b.doc_count]));
}

function printCounts(counts: Map<string, number>, customers: string[]): void {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(`demo data: ${total.toLocaleString('en-US')} records\n`);
  for (const id of customers) {
    process.stdout.write(`  ${id.padEnd(12)} ${(counts.get(id) ?? 0).toLocaleString('en-US').padStart(9)}\n`);
  }
}

export function registerDemo(program: Command): void {
  const command = program
    .command('demo')
    .description(
      'write the demo history once (several customers, the last 30 days) into the MariaDB shards, for the ' +
        'batcher to publish; skipped when present. With --direct, ingest it straight into Elasticsearch',
    )
    .option('--seed <seed>', 'seed of the demo data set', 'demo')
    .option('--count <n>', 'number of records', integerOption(1, 50_000_000), 150_000)
    .option('--days <n>', 'days of history ending now', integerOption(1, 365), 30)
    .option('--force', 'ingest again even when the demo data is present')
    .option('--direct', 'ingest straight into Elasticsearch instead of writing into the shards')
    .option('--shards <urls>', 'shard URLs (default: SIGHTLINE_MYSQL_SHARDS, else SIGHTLINE_MYSQL_URL)')
    .action(async (flags: DemoFlags) => {
      if (!flags.direct) return backfillShards(flags);
      if (flags.shards) throw new UsageError('--shards is for the shards, not --direct');
      const layout = indexLayoutOf();
      const client = esClientFor(command);
      const customers = customersFor(PRESET).map((c) => c.id);
      try {
        const marker = await readMarker(client, flags.seed);
        if (marker && !flags.force) {
          await client.indices.refresh({
            index: READ_ALIAS,
            allow_no_indices: true,
            ignore_unavailable: true,
          });
          const counts = await countsByCustomer(client, customers);
          const total = [...counts.values()].reduce((a, b) => a + b, 0);
          if (total >= marker.count) {
            process.stdout.write(
              `demo data for seed "${flags.seed}" is already there (ending ${marker.end}).\n`,
            );
            printCounts(counts, customers);
            return;
          }
        }
        // Re-ingesting a partial set reuses its end time: the same records, so nothing is duplicated.
        const end = marker && !flags.force ? new Date(marker.end) : new Date();
        const days = marker && !flags.force ? marker.days : flags.days;
        const count = marker && !flags.force ? marker.count : flags.count;
        function* items(): Generator<SourceItem> {
          let line = 0;
          for (const value of generateRecords({ seed: flags.seed, count, days, end, customers: PRESET })) {
            yield { line: ++line, value };
          }
        }
        const progress = progressReporter(process.stderr, count);
        const summary = await ingest(client, {
          items: items(),
          rejects: new RejectFile(defaultRejectPath('sightline-demo')),
          refresh: true,
          layout,
          loadLog: { stream: `demo/${flags.seed}` },
          onProgress: (p) => progress.update(p),
        });
        progress.stop();
        process.stdout.write(formatSummary(summary));
        const saved: Marker = { seed: flags.seed, count, days, end: end.toISOString(), customers };
        // Created explicitly: auto-creation would ask for a replica a single node can never place (yellow).
        await client.indices.create(
          { index: MARKER_INDEX, settings: replicaSettings('auto') },
          { ignore: [400] },
        );
        await client.index({ index: MARKER_INDEX, id: `demo-${flags.seed}`, document: saved, refresh: true });
        printCounts(await countsByCustomer(client, customers), customers);
      } finally {
        await client.close();
      }
    });
  addDemoLive(command);
}
