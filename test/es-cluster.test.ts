import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryExportSlots } from '../packages/query-api/src/export/limits';
import { generateRecords, writeNdjson } from '../packages/query-api/src/generate';
import { indexForTimestamp } from '../packages/query-api/src/store/mapping';
import { createEsClient } from '../packages/query-api/src/server';
import { serveExportApi, type RunningApi } from './support/export-api';
import { cleanTestMonth, countCustomers, duplicateTxids } from './ingest.support';

/**
 * A node of a three-node cluster killed (SIGKILL) under the API and an ingest. The cluster is the
 * project's own (SIGHTLINE_ES_NODES=3 scripts/es.sh, on ports of its own beside the shared node),
 * the auth log months get three shards and one replica from SIGHTLINE_ES_SHARDS/REPLICAS, and the
 * API's client is given every node (ES_URL as a list). While the node is gone, reports, log pages,
 * an export that was already streaming and an ingest that was already running must give exactly what
 * they give with every node up; then the node comes back and the cluster returns to green.
 */
const PREFIX = 'clustertest-';
const CUSTOMER = `${PREFIX}main`;
const MONTH = '1997-03';
const FROM = '1997-03-01T00:00:00.000Z';
const TO = '1997-04-01T00:00:00.000Z';
const RECORDS = 30_000;
const LIVE_RECORDS = 40_000;
const TOKEN = 'clustertest-token';
const VICTIM = 2;
const SCRIPT = fileURLToPath(new URL('../scripts/es.sh', import.meta.url));
const CLI = fileURLToPath(new URL('../packages/query-api/bin/sightline.js', import.meta.url));

/** The cluster's environment: never the shared node's ES_URL, which would make the script use that. */
function clusterEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SIGHTLINE_ES_NODES: '3', ...extra };
  delete env.ES_URL;
  return env;
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): {
  child: ReturnType<typeof spawn>;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

async function cluster(...args: string[]): Promise<string> {
  const { code, stdout, stderr } = await run('bash', [SCRIPT, ...args], clusterEnv()).done;
  if (code !== 0) throw new Error(`scripts/es.sh ${args.join(' ')} failed (${code}): ${stderr}`);
  return stdout.trim();
}

let urls: string;
let es: Client;
let api: RunningApi;
let dir: string;

const cli = (args: string[]) =>
  run(process.execPath, [CLI, ...args], {
    ...clusterEnv({ SIGHTLINE_ES_SHARDS: '3', SIGHTLINE_ES_REPLICAS: '1' }),
    ES_URL: urls,
  });

async function writeInput(file: string, count: number, seed: string, customer?: string): Promise<void> {
  const out = createWriteStream(file);
  await writeNdjson(
    (function* () {
      for (const r of generateRecords({
        seed,
        count,
        end: new Date('1997-03-28T00:00:00Z'),
        days: 25,
        ...(customer ? { customers: 'single' as const } : { customerPrefix: `${PREFIX}live-` }),
      }))
        yield customer ? { ...r, customer_id: customer } : r;
    })(),
    out,
  );
  out.end();
  await finished(out);
}

beforeAll(async () => {
  urls = (await cluster('start')).split('\n').at(-1)!;
  expect(urls.split(',')).toHaveLength(3);
  es = createEsClient(urls, { requestTimeoutMs: 120_000 });
  await es.cluster.health({ wait_for_nodes: '3', wait_for_status: 'yellow', timeout: '120s' });
  await cleanTestMonth(es, PREFIX, MONTH);
  dir = mkdtempSync(join(tmpdir(), 'clustertest-'));
  const input = join(dir, 'main.ndjson');
  await writeInput(input, RECORDS, 'clustertest-main', CUSTOMER);
  const loaded = await cli(['ingest', input, '--refresh', '--json']).done;
  if (loaded.code !== 0) throw new Error(`fixture ingest failed: ${loaded.stderr}`);
  await es.cluster.health({ wait_for_status: 'green', timeout: '120s' });

  api = await serveExportApi(createEsClient(urls), `${TOKEN}=${CUSTOMER}`, {
    slots: new InMemoryExportSlots(4, 2),
    pageSize: 1000,
  });
}, 600_000);

afterAll(async () => {
  await api?.close();
  if (es) {
    // The victim may still be down when a test failed: bring it back so the month can be dropped.
    await cluster('start').catch(() => undefined);
    await cleanTestMonth(es, PREFIX, MONTH).catch(() => undefined);
    await es.indices.delete({ index: 'sightline-audit', ignore_unavailable: true }).catch(() => undefined);
    await es.close();
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
  await cluster('stop');
}, 300_000);

const auth = { Authorization: `Bearer ${TOKEN}` };

async function reports(): Promise<unknown[]> {
  const views = [
    { type: 'breakdown', groupBy: 'result', top: 10 },
    { type: 'timeseries', stackBy: 'result', top: 5 },
    { type: 'geo', mode: 'country' },
    { type: 'significant' },
  ];
  const out: unknown[] = [];
  for (const view of views) {
    const response = await fetch(`${api.url}/api/reports/run`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ timeRange: { from: FROM, to: TO }, view }),
    });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    out.push((JSON.parse(text) as { rows: unknown }).rows);
  }
  return out;
}

/** Every row of the month through the API's log pages, as txids in page order. */
async function pageThroughLog(): Promise<string[]> {
  const txids: string[] = [];
  let cursor: string | undefined;
  do {
    const params = new URLSearchParams({ from: FROM, to: TO, sort: '-ts', pageSize: '1000' });
    if (cursor) params.set('cursor', cursor);
    const response = await fetch(`${api.url}/api/logs?${params}`, { headers: auth });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const page = JSON.parse(text) as { rows: { txid: string }[]; nextCursor?: string | null };
    txids.push(...page.rows.map((r) => r.txid));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return txids;
}

const startExport = () =>
  fetch(`${api.url}/api/logs/export?${new URLSearchParams({ format: 'csv', from: FROM, to: TO })}`, {
    headers: auth,
  });

async function readRest(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  head: Uint8Array[],
): Promise<string> {
  const chunks = [...head];
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  return Buffer.concat(chunks).toString('utf8');
}

describe('a node killed in a three-node cluster with one replica', () => {
  it(
    'leaves reports, log pages, a running export and a running ingest complete and unchanged, the cluster yellow, and green again once the node rejoins',
    { timeout: 600_000 },
    async () => {
      const beforeReports = await reports();
      const beforeLog = await pageThroughLog();
      expect(beforeLog).toHaveLength(RECORDS);
      const beforeExport = await (await startExport()).text();
      expect(beforeExport.trimEnd().split('\r\n')).toHaveLength(RECORDS + 1);

      // An export under way: its first rows read, the rest left waiting in the stream.
      const exporting = await startExport();
      expect(exporting.status).toBe(200);
      const reader = exporting.body!.getReader();
      const head: Uint8Array[] = [];
      let headBytes = 0;
      while (headBytes < 64 * 1024) {
        const r = await reader.read();
        if (r.done) throw new Error('the export finished before the node could be killed');
        head.push(r.value);
        headBytes += r.value.length;
      }
      // An ingest under way: some of its records stored, most still to come.
      const liveInput = join(dir, 'live.ndjson');
      await writeInput(liveInput, LIVE_RECORDS, 'clustertest-live');
      const ingesting = cli(['ingest', liveInput, '--refresh', '--json', '--batch-docs', '500']);
      let stored = 0;
      while (stored < 2_000) {
        await sleep(200);
        stored = await countCustomers(es, `${PREFIX}live-`);
        expect(ingesting.child.exitCode, 'the ingest finished before the node could be killed').toBeNull();
      }

      await cluster('kill-node', String(VICTIM));
      // Its replicas elsewhere are promoted at once; new copies wait (the node may come back), hence yellow.
      const down = await es.cluster.health({
        wait_for_nodes: '2',
        wait_for_status: 'yellow',
        timeout: '60s',
      });
      expect(down.number_of_nodes).toBe(2);
      expect(down.status).toBe('yellow');

      expect(await reports()).toEqual(beforeReports);
      expect(await pageThroughLog()).toEqual(beforeLog);
      expect(await readRest(reader, head)).toBe(beforeExport);
      expect(await (await startExport()).text()).toBe(beforeExport);

      const ingested = await ingesting.done;
      expect(ingested.code, ingested.stderr).toBe(0);
      expect(JSON.parse(ingested.stdout)).toMatchObject({ read: LIVE_RECORDS, rejected: 0 });
      expect(await countCustomers(es, `${PREFIX}live-`)).toBe(LIVE_RECORDS);
      expect(await duplicateTxids(es, `${PREFIX}live-`)).toEqual([]);
      // Still on two nodes: everything above was answered without the victim.
      expect((await es.cluster.health()).number_of_nodes).toBe(2);

      await cluster('start-node', String(VICTIM));
      const up = await es.cluster.health({ wait_for_nodes: '3', wait_for_status: 'green', timeout: '180s' });
      expect(up.status).toBe('green');
      expect(await countCustomers(es, CUSTOMER)).toBe(RECORDS);
      expect(await countCustomers(es, `${PREFIX}live-`)).toBe(LIVE_RECORDS);
      expect(await reports()).toEqual(beforeReports);
    },
  );

  it('made the month with three primaries and one replica each, from the settings', async () => {
    const index = indexForTimestamp(`${MONTH}-01T00:00:00Z`);
    const settings = await es.indices.getSettings({ index, flat_settings: true });
    expect(settings[index]!.settings).toMatchObject({
      'index.number_of_shards': '3',
      'index.number_of_replicas': '1',
    });
  });
});
