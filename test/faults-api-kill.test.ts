import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_SLOTS_INDEX } from '../packages/query-api/src/export/es-slots';
import { readSidecar, sidecarPath } from '../packages/query-api/src/export/sidecar';
import { generateRecords, writeNdjson } from '../packages/query-api/src/generate';
import { cleanTestMonth, esClient } from './ingest.support';

/**
 * The API process killed with SIGKILL in the middle of an export (a crash, an OOM kill, a pulled
 * plug): the CLI's file stays unfinished, and once an API serves the same address again, running the
 * same command finishes it into the bytes an uninterrupted export gives.
 */
const PREFIX = 'apikill-';
const CUSTOMER = `${PREFIX}main`;
const MONTH = '1998-07';
const FROM = '1998-07-01T00:00:00.000Z';
const TO = '1998-08-01T00:00:00.000Z';
const RECORDS = 100_000;
const TOKEN = 'apikill-token';
const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(root, 'packages/query-api/bin/sightline.js');
const es = esClient();
let dir: string;
let port: number;
let api: ChildProcess | null = null;

function run(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

/** The API as it runs in production (src/server/main.ts), on this file's fixed port. */
async function startApi(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/query-api/src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      SIGHTLINE_TOKENS: `${TOKEN}=${CUSTOMER}`,
      // Cursors must outlive the process for a resumed export to continue where it stopped.
      SIGHTLINE_CURSOR_SECRET: 'api kill test cursor secret, 32 characters at least',
    },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  for (let i = 0; i < 600; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return child;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('the API did not start');
}

async function stopApi(): Promise<void> {
  const child = api;
  api = null;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

beforeAll(async () => {
  await cleanTestMonth(es, PREFIX, MONTH);
  dir = mkdtempSync(join(tmpdir(), 'apikill-'));
  const input = join(dir, 'input.ndjson');
  const out = createWriteStream(input);
  await writeNdjson(
    (function* () {
      for (const r of generateRecords({
        seed: 'apikill',
        count: RECORDS,
        end: new Date('1998-07-30T00:00:00Z'),
        days: 28,
        customers: 'single',
      }))
        yield { ...r, customer_id: CUSTOMER };
    })(),
    out,
  );
  out.end();
  await finished(out);
  const loaded = await run(['ingest', input, '--refresh', '--json']).done;
  if (loaded.code !== 0) throw new Error(`fixture ingest failed: ${loaded.stderr}`);
  port = await new Promise<number>((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  api = await startApi();
}, 600_000);

afterAll(async () => {
  await stopApi();
  await cleanTestMonth(es, PREFIX, MONTH);
  // The killed instance never gave its export slot back (its lease would expire in two minutes).
  for (const slot of [0, 1, 2, 3])
    await es.delete({ index: EXPORT_SLOTS_INDEX, id: `${CUSTOMER}#${slot}` }, { ignore: [404] });
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

describe('the API killed mid-export', () => {
  it(
    'leaves the CLI’s file unfinished, and the same command resumes it against a restarted API into the same bytes as an uninterrupted export',
    { timeout: 600_000 },
    async () => {
      const args = (out: string) => [
        'export',
        '--url',
        `http://127.0.0.1:${port}`,
        '--token',
        TOKEN,
        '--from',
        FROM,
        '--to',
        TO,
        '--format',
        'ndjson',
        '--no-progress',
        '--out',
        out,
      ];
      const whole = join(dir, 'whole.ndjson');
      const straight = await run(args(whole)).done;
      expect(straight.code, straight.stderr).toBe(0);

      const killed = join(dir, 'killed.ndjson');
      const exporting = run(args(killed));
      let rows = 0;
      while (rows < 5_000) {
        await sleep(25);
        rows = (await readSidecar(sidecarPath(killed)).catch(() => null))?.rows ?? 0;
        expect(exporting.child.exitCode, 'the export finished before the API could be killed').toBeNull();
      }
      const dying = api!;
      const died = new Promise((resolve) => dying.once('exit', (_code, signal) => resolve(signal)));
      dying.kill('SIGKILL');
      expect(await died).toBe('SIGKILL');
      const failed = await exporting.done;
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/run the same command again to resume/);
      const saved = await readSidecar(sidecarPath(killed));
      expect(saved!.rows).toBeGreaterThanOrEqual(5_000);
      expect(saved!.rows).toBeLessThan(RECORDS);

      api = await startApi();
      const resumed = await run(args(killed)).done;
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toContain(`resuming ${killed} after`);
      expect(existsSync(sidecarPath(killed))).toBe(false);
      expect(readFileSync(killed).equals(readFileSync(whole))).toBe(true);
      expect(readFileSync(whole).toString('utf8').trim().split('\n')).toHaveLength(RECORDS);
    },
  );
});
