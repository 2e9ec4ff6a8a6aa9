import { spawnSync } from 'node:child_process';
import type { Client, estypes } from '@elastic/elasticsearch';
import { LOAD_LOG_INDEX } from '../packages/query-api/src/pipeline/load-log';
import { versionsPattern } from '../packages/query-api/src/versions/names';
import { SWITCHES_INDEX, VERSIONS_INDEX } from '../packages/query-api/src/versions/registry';
import { sightlineBin, type KafkaTestConfig } from './kafka.support';

/** The built `sightline` command against a test file's own topics; its exit code and output. */
export function sightlineWith(config: KafkaTestConfig, ...args: string[]) {
  const run = spawnSync(process.execPath, [sightlineBin, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      KAFKA_BROKERS: config.brokers.join(','),
      SIGHTLINE_FIREHOSE_TOPIC: config.firehoseTopic,
    },
    timeout: 180_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Removes what a test wrote about one month: every version of it (each holds only that file's
 * customers; deleted by name), its registry and switch entries, and the load-log entries of the
 * streams `streams` matches. This Elasticsearch has no delete_by_query: search, then bulk-delete.
 */
export async function dropPeriodVersions(
  es: Client,
  period: string,
  streams: estypes.QueryDslQueryContainer[],
): Promise<void> {
  const versions = (await es.cat.indices({ index: versionsPattern(period), format: 'json', h: 'index' })) as {
    index: string;
  }[];
  if (versions.length > 0) await es.indices.delete({ index: versions.map((v) => v.index) });
  for (const [index, query] of [
    [VERSIONS_INDEX, { term: { period } }],
    [SWITCHES_INDEX, { term: { period } }],
    [LOAD_LOG_INDEX, { bool: { should: streams } }],
  ] as [string, estypes.QueryDslQueryContainer][]) {
    if (!(await es.indices.exists({ index }))) continue;
    await es.indices.refresh({ index });
    const found = await es.search({ index, size: 10_000, _source: false, query });
    if (found.hits.hits.length === 0) continue;
    await es.bulk({
      refresh: true,
      operations: found.hits.hits.map((h) => ({ delete: { _index: index, _id: h._id! } })),
    });
  }
}
