import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords, writeNdjson } from '../packages/query-api/src/generate';
import { countCustomers, cleanTestMonth, duplicateTxids, esClient } from './ingest.support';

/** This file's month (its own index) and customers: see cleanTestMonth. */
const MONTH = '2012-03';
const PREFIX = 'itest-kill-';
const N = 100_000;
const bin = fileURLToPath(new URL('../packages/query-api/bin/sightline.js', import.meta.url));
const client = esClient();

describe('an ingest killed half-way', () => {
  beforeAll(() => cleanTestMonth(client, PREFIX, MONTH));
  afterAll(async () => {
    await cleanTestMonth(client, PREFIX, MONTH);
    await client.close();
  });

  it('ends with exactly the full set when re-run', { timeout: 600_000 }, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sightline-itest-kill-')), 'input.ndjson');
    const out = createWriteStream(file);
    await writeNdjson(
      generateRecords({
        seed: 'itest-kill',
        count: N,
        end: new Date('2012-03-28T00:00:00Z'),
        days: 20,
        customerPrefix: PREFIX,
      }),
      out,
    );
    out.end();
    await finished(out);

    const child = spawn(process.execPath, [bin, 'ingest', file], { stdio: 'ignore', env: process.env });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    let seen = 0;
    while (seen < 10_000) {
      await sleep(500);
      seen = await countCustomers(client, PREFIX);
      expect(child.exitCode, 'the ingest finished before it could be killed').toBeNull();
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const partial = await countCustomers(client, PREFIX);
    expect(partial).toBeGreaterThanOrEqual(10_000);
    expect(partial).toBeLessThan(N);

    const rerun = spawnSync(process.execPath, [bin, 'ingest', file, '--refresh', '--json'], {
      encoding: 'utf8',
      env: process.env,
    });
    expect(rerun.stderr).not.toMatch(/sightline:/);
    expect(rerun.status).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ read: N, indexed: N, rejected: 0 });
    expect(await countCustomers(client, PREFIX)).toBe(N);
    expect(await duplicateTxids(client, PREFIX)).toEqual([]);
  });
});
