import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Admin } from '@platformatic/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../packages/query-api/src/generate';
import { readSegment } from '../packages/query-api/src/pipeline/archive/segment-reader';
import { pipelineLag } from '../packages/query-api/src/pipeline/kafka';
import { runSink } from '../packages/query-api/src/pipeline/kafka/sink';
import { LOAD_LOG_INDEX, type LoadLogEntry } from '../packages/query-api/src/pipeline/load-log';
import { originalVersion } from '../packages/query-api/src/versions/names';
import { fingerprintOf } from '../packages/query-api/src/versions/reprocess';
import { esClient } from './ingest.support';
import { dropPeriodVersions, sightlineWith } from './versions.support';
import {
  createTestTopics,
  dropTestPipeline,
  publishRaw,
  spawnConsumer,
  testPipeline,
  waitForDrain,
} from './kafka.support';

/** This file's month 2005.03 (its own indices), customers, topics, groups and archive directory. */
const PERIOD = '2005.03';
const PREFIX = 'itest-archive-';
const config = testPipeline('archive');
const archiver = { ...config, indexerGroup: `${config.indexerGroup}-archiver` };
const es = esClient();
const work = mkdtempSync(join(tmpdir(), 'sightline-archive-test-'));
const dir = join(work, 'archive');
const file = join(work, 'exports.ndjson');

const records = [
  ...generateRecords({
    seed: 'itest-archive',
    count: 1600,
    end: new Date('2005-03-28T00:00:00Z'),
    days: 25,
    customerPrefix: PREFIX,
  }),
];
/** Each line as received carries a field the schema does not know (yet). */
const rawOf = (r: (typeof records)[number]) =>
  JSON.stringify({ ...r, sightline_next_field: { verdict: `kept-${r.txid}` } });
const viaFirehose = records.slice(0, 1200);
const viaFile = records.slice(1200);

/** Every archived frame on disk, by segment (temporary files of a killed writer are not segments). */
async function archivedFrames() {
  const segments = (readdirSync(dir, { recursive: true }) as string[])
    .filter((p) => p.endsWith('.gz'))
    .map((p) => relative(dir, join(dir, p)));
  const frames: { segment: string; position: string; key?: string; value: string }[] = [];
  for (const segment of segments) {
    for await (const f of readSegment(dir, segment)) {
      frames.push({
        segment,
        position: f.position,
        ...(f.key ? { key: f.key } : {}),
        value: f.value.toString(),
      });
    }
  }
  return { segments, frames };
}

async function archiveEntries(streamPrefix: string): Promise<LoadLogEntry[]> {
  await es.indices.refresh({ index: LOAD_LOG_INDEX });
  const found = await es.search<LoadLogEntry>({
    index: LOAD_LOG_INDEX,
    size: 10_000,
    query: { bool: { filter: [{ term: { loader: 'archive' } }, { prefix: { stream: streamPrefix } }] } },
  });
  return found.hits.hits.map((h) => h._source!);
}

const sightline = (...args: string[]) => sightlineWith(config, ...args);

async function count(index: string): Promise<number> {
  await es.indices.refresh({ index });
  return (await es.count({ index })).count;
}

async function cleanUp(): Promise<void> {
  await dropPeriodVersions(es, PERIOD, [
    { prefix: { stream: `${config.firehoseTopic}/` } },
    { prefix: { stream: `archive/${config.firehoseTopic}/` } },
    { term: { stream: file } },
    { term: { stream: `archive/${file}` } },
  ]);
}

describe('the raw archive: every record as received, and reprocess from it', () => {
  beforeAll(async () => {
    await cleanUp();
    await createTestTopics(config, 3);
    await publishRaw(
      config,
      viaFirehose.map((r) => ({ key: r.customer_id, value: rawOf(r) })),
    );
  }, 300_000);

  afterAll(async () => {
    await cleanUp();
    const admin = new Admin({ clientId: 'itest-cleanup', bootstrapBrokers: config.brokers });
    await admin.deleteGroups({ groups: [archiver.indexerGroup] }).catch(() => undefined);
    await admin.close();
    await dropTestPipeline(config);
    await es.close();
    rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it('an archiver SIGKILLed half-way and restarted leaves each message archived once, byte for byte', async () => {
    const args = ['--archive-dir', dir, '--batch', '40', '--linger-ms', '100'];
    const first = spawnConsumer(archiver, { command: 'archive', group: archiver.indexerGroup, args });
    await first.waitForLine(/archive: 3 batches/);
    first.child.kill('SIGKILL');
    await first.exited;
    // Killed with messages left to archive: what follows is a restart, not a second pass over nothing.
    expect((await pipelineLag(archiver)).totalLag).toBeGreaterThan(0);

    const second = spawnConsumer(archiver, { command: 'archive', group: archiver.indexerGroup, args });
    try {
      expect(await waitForDrain(archiver, second)).toBe(0);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    expect(second.lines.join('\n')).toMatch(/archive: stopped after \d+ batches/);

    const { segments, frames } = await archivedFrames();
    // Each partition's offsets once each, from 0 with no gap.
    const byPartition = new Map<number, number[]>();
    for (const f of frames) {
      const partition = Number(/\/p(\d+)-\d+\.gz$/.exec(f.segment)![1]);
      byPartition.set(partition, [...(byPartition.get(partition) ?? []), Number(f.position)]);
    }
    expect(frames).toHaveLength(viaFirehose.length);
    for (const offsets of byPartition.values()) {
      expect(offsets.sort((a, b) => a - b)).toEqual(offsets.map((_, i) => i));
    }
    // The values as published, the field the schema does not know included, under their keys.
    const sent = new Map(viaFirehose.map((r) => [rawOf(r), r.customer_id]));
    for (const f of frames) expect(sent.get(f.value)).toBe(f.key);
    expect(new Set(frames.map((f) => f.value)).size).toBe(viaFirehose.length);
    expect(frames[0]!.value).toContain('"sightline_next_field":{"verdict":"kept-');

    // The load log lists each segment on disk, once, with its rows.
    const entries = await archiveEntries(`archive/${config.firehoseTopic}/`);
    expect(entries.map((e) => e.segment).sort()).toEqual([...segments].sort());
    expect(entries.reduce((n, e) => n + e.read, 0)).toBe(viaFirehose.length);
    for (const e of entries) expect(e.bytes).toBeGreaterThan(0);
  }, 300_000);

  it('a file ingest archives the lines it accepted, as read, with their line numbers', async () => {
    const lines = [...viaFile.map(rawOf)];
    lines.splice(10, 0, '{"this line": is not JSON');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const ingested = sightline('ingest', file, '--archive-dir', dir, '--refresh', '--json');
    expect(ingested.stderr).not.toMatch(/error/i);
    expect(ingested.code).toBe(0);
    expect(JSON.parse(ingested.stdout)).toMatchObject({ read: viaFile.length + 1, rejected: 1 });

    const [entry, ...others] = await archiveEntries(`archive/${file}`);
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ loader: 'archive', from: '1', to: String(viaFile.length + 1) });
    expect(entry!.segment).toMatch(/^\d{4}-\d{2}-\d{2}\/@files\//);
    const frames: { position: string; value: string }[] = [];
    for await (const f of readSegment(dir, entry!.segment!))
      frames.push({ position: f.position, value: f.value.toString() });
    expect(frames).toHaveLength(viaFile.length);
    expect(frames.find((f) => f.position === '11')).toBeUndefined();
    expect(frames[10]).toEqual({ position: '12', value: lines[11] });
    expect(frames.every((f) => f.value.includes('"sightline_next_field"'))).toBe(true);
  }, 300_000);

  it('reprocess rebuilds the month from the archive, firehose and file records alike, with the topic gone', async () => {
    // The live sink stores the firehose's records beside the file's: the version in use holds all.
    const stop = new AbortController();
    const sink = runSink({ config, es, signal: stop.signal, log: () => undefined, sessionTimeoutMs: 6000 });
    try {
      expect(await waitForDrain(config)).toBe(0);
    } finally {
      stop.abort();
      await sink;
    }
    const original = originalVersion(PERIOD);
    expect(await count(original)).toBe(records.length);

    // Past the firehose's retention: the topic holds nothing any more.
    const admin = new Admin({ clientId: 'itest-cleanup', bootstrapBrokers: config.brokers });
    try {
      await admin.deleteTopics({ topics: [config.firehoseTopic] });
    } finally {
      await admin.close();
    }

    const from = '2005-03-01T00:00:00Z';
    const to = '2005-04-01T00:00:00Z';
    const elsewhere = join(work, 'empty-archive');
    const missing = sightline('reprocess', '--from', from, '--to', to, '--archive-dir', elsewhere);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`archive segment ${elsewhere}/`);
    expect(missing.stderr).toContain('is missing');

    const built = sightline('reprocess', '--from', from, '--to', to, '--archive-dir', dir, '--json');
    expect(built.code).toBe(0);
    const version = JSON.parse(built.stdout) as {
      index: string;
      segments: number;
      ranges: number;
      read: number;
    };
    expect(version.ranges).toBe(0);
    expect(version.segments).toBeGreaterThan(1);
    expect(version.read).toBe(records.length);
    expect(await count(version.index)).toBe(records.length);
    // The same records read by the same code: the same numbers as the version in use.
    expect(await fingerprintOf(es, version.index)).toEqual(await fingerprintOf(es, original));
    const sample = viaFile[3]!;
    const stored = await es.get<{ customer_id: string; ts: string }>({
      index: version.index,
      id: sample.txid,
    });
    expect(stored._source).toMatchObject({ customer_id: sample.customer_id });
  }, 600_000);
});
