import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSidecar, sidecarPath } from '../packages/query-api/src/export/sidecar';
import {
  ensureDataset,
  esClient,
  eventually,
  PERIOD,
  removeAudit,
  removeDataset,
  startApi,
  TOKENS,
  type RunningApi,
} from './export-fixture';

const CLI = fileURLToPath(new URL('../packages/query-api/bin/sightline.js', import.meta.url));
const es = esClient();
let api: RunningApi;
let dir: string;

function run(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; stderr: string }>;
} {
  const child = spawn(process.execPath, [CLI, 'export', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr })),
  );
  return { child, done };
}

const common = () => [
  '--url',
  api.url,
  '--token',
  TOKENS.main,
  '--from',
  PERIOD.from,
  '--to',
  PERIOD.to,
  '--no-progress',
];

beforeAll(async () => {
  await ensureDataset(es);
  api = await startApi();
  dir = mkdtempSync(join(tmpdir(), 'exptest-cli-'));
});

afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
  await removeAudit(es);
  if (!process.env.SIGHTLINE_KEEP_TEST_DATA) await removeDataset(es);
  await es.close();
});

/** Runs the export once straight through, then again killed with SIGKILL part-way and re-run. */
async function exportTwice(args: string[], name: string) {
  const whole = join(dir, `whole-${name}`);
  const first = await run([...args, '--out', whole]).done;
  expect(first.code, first.stderr).toBe(0);
  expect(existsSync(sidecarPath(whole))).toBe(false);

  const resumed = join(dir, `resumed-${name}`);
  const killed = run([...args, '--out', resumed]);
  const state = await eventually(
    () => readSidecar(sidecarPath(resumed)).catch(() => null),
    (s) => s !== null && s.rows >= 3000,
    600,
  );
  killed.child.kill('SIGKILL');
  const afterKill = await killed.done;
  expect(afterKill.code).toBeNull();
  const saved = await readSidecar(sidecarPath(resumed));
  expect(saved!.rows).toBeGreaterThanOrEqual(state!.rows);
  expect(saved!.after).not.toBeNull();

  const second = await run([...args, '--out', resumed]).done;
  expect(second.code, second.stderr).toBe(0);
  expect(second.stderr).toContain(`resuming ${resumed} after`);
  expect(existsSync(sidecarPath(resumed))).toBe(false);
  return { whole: readFileSync(whole), resumed: readFileSync(resumed), savedRows: saved!.rows };
}

describe('sightline export', () => {
  it(
    'resumes a CSV export killed part-way into a file identical to an uninterrupted one',
    { timeout: 600_000 },
    async () => {
      const filter = JSON.stringify({ field: 'result', op: 'in', values: ['denied', 'failure', 'fraud'] });
      const { whole, resumed, savedRows } = await exportTwice(
        [...common(), '--format', 'csv', '--filter', filter, '--bom'],
        'a.csv',
      );
      const rows = whole.toString('utf8').split('\r\n').length - 2;
      expect(savedRows).toBeLessThan(rows);
      expect(resumed.equals(whole)).toBe(true);
    },
  );

  it('resumes an NDJSON export of records only', { timeout: 600_000 }, async () => {
    const filter = JSON.stringify({
      field: 'factor',
      op: 'in',
      values: ['passcode', 'phone_call', 'sms_passcode'],
    });
    const { whole, resumed } = await exportTwice(
      [...common(), '--format', 'ndjson', '--filter', filter, '--columns', 'txid,ts,user.name,quality'],
      'b.ndjson',
    );
    // Every line is a record: completeness travels in the frames, not in the file.
    const records = whole
      .toString('utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as object);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) expect(Object.keys(record)).toEqual(['txid', 'ts', 'user', 'quality']);
    expect(resumed.equals(whole)).toBe(true);
  });

  it('refuses bad input with exit code 2 and one line on stderr', { timeout: 120_000 }, async () => {
    const cases = [
      [...common(), '--format', 'csv', '--out', join(dir, 'x.csv'), '--filter', '{not json'],
      [...common(), '--format', 'csv', '--out', join(dir, 'x.csv'), '--columns', 'ts,password'],
      [...common(), '--format', 'csv', '--out', join(dir, 'x.csv'), '--last', '7d'],
    ];
    for (const args of cases) {
      const { code, stderr } = await run(args).done;
      expect(code, stderr).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
