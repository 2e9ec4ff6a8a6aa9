import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryExportSlots } from '../packages/query-api/src/export/limits';
import { readSidecar, sidecarPath } from '../packages/query-api/src/export/sidecar';
import { generateRecords, writeNdjson } from '../packages/query-api/src/generate';
import { indexForTimestamp } from '../packages/query-api/src/store/mapping';
import { createEsClient } from '../packages/query-api/src/server';
import { cleanTestMonth, countCustomers, deleteCustomers, duplicateTxids, esClient } from './ingest.support';
import { serveExportApi, type RunningApi } from './support/export-api';
import { TcpProxy } from './tcp-proxy';

/**
 * Elasticsearch going away under the API, the CLI's export and an ingest. The shared node is never
 * stopped: a loopback proxy in front of it is cut instead, which is what these clients see when
 * Elasticsearch dies (connections dropped mid-response, new ones refused) without disturbing anybody
 * else using the node. Restoring the proxy stands for Elasticsearch coming back.
 */
const PREFIX = 'faulttest-';
const CUSTOMER = `${PREFIX}main`;
const MONTH = '1998-05';
const FROM = '1998-05-01T00:00:00.000Z';
const TO = '1998-06-01T00:00:00.000Z';
const RECORDS = 40_000;
const TOKEN = 'faulttest-token';
const CLI = fileURLToPath(new URL('../packages/query-api/bin/sightline.js', import.meta.url));

const es = esClient();
let proxy: TcpProxy;
let api: RunningApi;
let dir: string;

async function writeInput(file: string, count: number, seed: string, prefix = PREFIX): Promise<void> {
  const out = createWriteStream(file);
  await writeNdjson(
    generateRecords({ seed, count, end: new Date('1998-05-28T00:00:00Z'), days: 25, customerPrefix: prefix }),
    out,
  );
  out.end();
  await finished(out);
}

function runCli(
  args: string[],
  env: Record<string, string> = {},
): {
  child: ReturnType<typeof spawn>;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

beforeAll(async () => {
  await cleanTestMonth(es, PREFIX, MONTH);
  dir = mkdtempSync(join(tmpdir(), 'faulttest-'));
  // One customer's records for the reads and exports, ingested directly (not through the proxy).
  const input = join(dir, 'main.ndjson');
  const out = createWriteStream(input);
  await writeNdjson(
    (function* () {
      for (const r of generateRecords({
        seed: 'faulttest-main',
        count: RECORDS,
        end: new Date('1998-05-28T00:00:00Z'),
        days: 25,
        customers: 'single',
      }))
        yield { ...r, customer_id: CUSTOMER };
    })(),
    out,
  );
  out.end();
  await finished(out);
  const loaded = await runCli(['ingest', input, '--refresh', '--json']).done;
  if (loaded.code !== 0) throw new Error(`fixture ingest failed: ${loaded.stderr}`);

  proxy = await TcpProxy.start(new URL(process.env.ES_URL ?? 'http://127.0.0.1:9200'));
  api = await serveExportApi(createEsClient(proxy.url), `${TOKEN}=${CUSTOMER}`, {
    slots: new InMemoryExportSlots(2, 1),
    pageSize: 250,
  });
}, 600_000);

afterAll(async () => {
  await proxy?.restore();
  await api?.close();
  await proxy?.close();
  await es.indices.putSettings({
    index: indexForTimestamp(`${MONTH}-01T00:00:00Z`),
    settings: { 'index.blocks.write': false },
    ignore_unavailable: true,
  });
  await cleanTestMonth(es, PREFIX, MONTH);
  const audit = await es.indices.exists({ index: 'sightline-audit' });
  if (audit) {
    const found = await es.search({
      index: 'sightline-audit',
      size: 1000,
      query: { prefix: { customer: PREFIX } },
    });
    if (found.hits.hits.length)
      await es.bulk({
        refresh: true,
        operations: found.hits.hits.map((h) => ({ delete: { _index: h._index, _id: h._id! } })),
      });
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
  await es.close();
}, 300_000);

const auth = { Authorization: `Bearer ${TOKEN}` };
const report = () =>
  fetch(`${api.url}/api/reports/run`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      timeRange: { from: FROM, to: TO },
      view: { type: 'breakdown', groupBy: 'result', top: 5 },
    }),
  });
// A cursor continues the query it was issued for, so the next page repeats that query.
const logPage = (cursor?: string) =>
  fetch(
    `${api.url}/api/logs?${new URLSearchParams({ from: FROM, to: TO, sort: '-ts', pageSize: '50', ...(cursor ? { cursor } : {}) })}`,
    { headers: auth },
  );
const exportCsv = () =>
  fetch(
    `${api.url}/api/logs/export?${new URLSearchParams({ format: 'csv', from: FROM, to: '1998-05-05T00:00:00Z' })}`,
    {
      headers: auth,
    },
  );

async function expectUnavailable(response: Response): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBe(503);
  expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0);
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('unavailable');
  expect(body.error.message).not.toMatch(/sightline-authlog|127\.0\.0\.1|\n\s+at /);
}

describe('Elasticsearch gone under the API', () => {
  it(
    'answers a report, a log page, a next page and an export with 503 and Retry-After, and serves them again by itself once it is back',
    { timeout: 300_000 },
    async () => {
      const before = await report();
      expect(before.status).toBe(200);
      const beforeRows = ((await before.json()) as { rows: unknown }).rows;
      const first = await logPage();
      expect(first.status).toBe(200);
      const { nextCursor } = (await first.json()) as { nextCursor: string };
      const wholeNext = ((await (await logPage(nextCursor)).json()) as { rows: unknown }).rows;

      await proxy.cut();
      try {
        await expectUnavailable(await report());
        await expectUnavailable(await logPage());
        await expectUnavailable(await logPage(nextCursor));
        // More failed exports than the customer has slots: a failure must give its slot back.
        for (let i = 0; i < 3; i++) await expectUnavailable(await exportCsv());
      } finally {
        await proxy.restore();
      }

      // No restart, no reconnect call: the next requests simply work again.
      const after = await report();
      expect(after.status).toBe(200);
      expect(((await after.json()) as { rows: unknown }).rows).toEqual(beforeRows);
      const next = await logPage(nextCursor);
      expect(next.status).toBe(200);
      expect(((await next.json()) as { rows: unknown }).rows).toEqual(wholeNext);
      const exported = await exportCsv();
      expect(exported.status).toBe(200);
      expect((await exported.text()).split('\r\n').length).toBeGreaterThan(2);
    },
  );
});

describe('Elasticsearch gone during an export', () => {
  it(
    'leaves the CLI’s file visibly unfinished, and running the command again resumes it to the same bytes as an uninterrupted export',
    { timeout: 600_000 },
    async () => {
      const args = (out: string) => [
        'export',
        '--url',
        api.url,
        '--token',
        TOKEN,
        '--from',
        FROM,
        '--to',
        TO,
        '--format',
        'csv',
        '--no-progress',
        '--out',
        out,
      ];
      const whole = join(dir, 'whole.csv');
      const straight = await runCli(args(whole)).done;
      expect(straight.code, straight.stderr).toBe(0);

      const cut = join(dir, 'cut.csv');
      const running = runCli(args(cut));
      let rows = 0;
      while (rows < 2_000) {
        await sleep(50);
        rows = (await readSidecar(sidecarPath(cut)).catch(() => null))?.rows ?? 0;
        expect(running.child.exitCode, 'the export finished before Elasticsearch could be cut').toBeNull();
      }
      await proxy.cut();
      const failed = await running.done;
      await proxy.restore();
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/run the same command again to resume/);
      // Unfinished, and says so: the resume file is still there and the file is shorter than whole.
      const saved = await readSidecar(sidecarPath(cut));
      expect(saved!.rows).toBeGreaterThanOrEqual(2_000);
      expect(saved!.rows).toBeLessThan(RECORDS);
      expect(readFileSync(cut).length).toBeLessThan(readFileSync(whole).length);

      const resumed = await runCli(args(cut)).done;
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toContain(`resuming ${cut} after`);
      expect(existsSync(sidecarPath(cut))).toBe(false);
      expect(readFileSync(cut).equals(readFileSync(whole))).toBe(true);
    },
  );
});

describe('Elasticsearch gone during an ingest', () => {
  it(
    'holds the ingest while it is away and ends with every record stored once when it is back',
    { timeout: 600_000 },
    async () => {
      const prefix = `${PREFIX}ingest-`;
      const count = 60_000;
      const input = join(dir, 'ingest.ndjson');
      await writeInput(input, count, 'faulttest-ingest', prefix);
      const running = runCli([
        '--es-url',
        proxy.url,
        'ingest',
        input,
        '--refresh',
        '--json',
        '--batch-docs',
        '500',
      ]);
      let seen = 0;
      while (seen < 5_000) {
        await sleep(250);
        seen = await countCustomers(es, prefix);
        expect(running.child.exitCode, 'the ingest finished before Elasticsearch could be cut').toBeNull();
      }
      await proxy.cut();
      const during = await countCustomers(es, prefix);
      await sleep(4_000);
      expect(running.child.exitCode, 'the ingest gave up while Elasticsearch was away').toBeNull();
      await proxy.restore();
      const { code, stdout, stderr } = await running.done;
      expect(code, stderr).toBe(0);
      expect(during).toBeLessThan(count);
      const summary = JSON.parse(stdout) as {
        read: number;
        indexed: number;
        rejected: number;
        retries: number;
      };
      expect(summary).toMatchObject({ read: count, rejected: 0 });
      expect(summary.retries).toBeGreaterThan(0);
      expect(await countCustomers(es, prefix)).toBe(count);
      expect(await duplicateTxids(es, prefix)).toEqual([]);
      await deleteCustomers(es, prefix);
    },
  );
});

describe('a read-only index', () => {
  it(
    'stops an ingest with a clear error naming the block, rejects no record for it, and loses nothing once writes are allowed again',
    { timeout: 600_000 },
    async () => {
      const prefix = `${PREFIX}ro-`;
      const count = 5_000;
      const input = join(dir, 'ro.ndjson');
      await writeInput(input, count, 'faulttest-ro', prefix);
      const index = indexForTimestamp(`${MONTH}-01T00:00:00Z`);
      const rejects = join(dir, 'ro.rejects.ndjson');
      await es.indices.putSettings({ index, settings: { 'index.blocks.write': true } });
      let blocked;
      try {
        blocked = await runCli(['ingest', input, '--json', '--rejects', rejects]).done;
      } finally {
        await es.indices.putSettings({ index, settings: { 'index.blocks.write': false } });
      }
      expect(blocked.code).toBe(1);
      const lines = blocked.stderr.trim().split('\n');
      expect(lines.at(-1)).toMatch(/write.*block|read-only|blocked/i);
      expect(lines.at(-1)).toContain(index);
      // Nothing was set aside as a bad record: the records are fine, the index refused them.
      expect(existsSync(rejects) ? readFileSync(rejects, 'utf8') : '').toBe('');
      expect(await countCustomers(es, prefix)).toBe(0);

      const again = await runCli(['ingest', input, '--refresh', '--json', '--rejects', rejects]).done;
      expect(again.code, again.stderr).toBe(0);
      expect(await countCustomers(es, prefix)).toBe(count);
      await deleteCustomers(es, prefix);
    },
  );
});
