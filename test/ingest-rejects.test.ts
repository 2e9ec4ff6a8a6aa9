import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFormatted, generateRecords, Random, toDuoRecord } from '../packages/query-api/src/generate';
import { READ_ALIAS } from '../packages/query-api/src/store/mapping';
import { countCustomers, cleanTestMonth, esClient } from './ingest.support';

/** This file's month (its own index) and customers: see cleanTestMonth. */
const MONTH = '2012-02';
const PREFIX = 'itest-rejects-';
const bin = fileURLToPath(new URL('../packages/query-api/bin/sightline.js', import.meta.url));
const client = esClient();
const dir = mkdtempSync(join(tmpdir(), 'sightline-itest-rejects-'));
const end = new Date('2012-02-25T00:00:00Z');
const days = 20;

function sightline(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: process.env });
  return { ...result, summary: result.status === 0 ? JSON.parse(result.stdout) : null };
}

describe('ingesting a file with bad lines', () => {
  beforeAll(() => cleanTestMonth(client, PREFIX, MONTH));
  afterAll(async () => {
    await cleanTestMonth(client, PREFIX, MONTH);
    await client.close();
  });

  it('rejects the unusable lines with their line numbers and stores every good line', async () => {
    const good = Array.from(
      generateRecords({ seed: 'itest-rejects', count: 2000, end, days, customerPrefix: PREFIX }),
    );
    const lines = good.map((r) => JSON.stringify(r));
    const duo = toDuoRecord(good[0]!, new Random(1));
    // Each bad line replaces nothing: it is inserted, so good lines keep their records.
    const bad: [number, string, string][] = [
      [1, '{"txid": "cut-off', 'not_json'],
      [50, JSON.stringify({ ...good[1], txid: undefined }), 'no_txid'],
      [100, JSON.stringify({ ...good[2], txid: 'bad-time', ts: 'last tuesday' }), 'no_time'],
      [700, JSON.stringify({ ...good[3], txid: 'no-tenant', customer_id: null }), 'no_tenant'],
      [1500, JSON.stringify({ ...duo, txid: 'duo-without-customer' }), 'no_tenant'],
      [2003, 'null', 'not_an_object'],
    ];
    for (const [line, text] of bad) lines.splice(line - 1, 0, text);
    lines.splice(10, 0, '');
    // The blank line shifted every later line by one.
    const expectedLines = bad.map(([line, , reason]) => [line > 10 ? line + 1 : line, reason]);
    const file = join(dir, 'mixed.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);

    const result = sightline('ingest', file, '--refresh', '--json');
    expect(result.stderr).not.toMatch(/sightline:/);
    expect(result.status).toBe(0);
    expect(result.summary).toMatchObject({
      read: 2006,
      indexed: 2000,
      rejected: 6,
      rejectsFile: `${file}.rejects.ndjson`,
    });

    const rejects = readFileSync(`${file}.rejects.ndjson`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rejects.map((r) => [r.line, r.reason])).toEqual(expectedLines);
    expect(rejects[0].raw).toBe('{"txid": "cut-off');
    expect(rejects[4].detail).toMatch(/--customer/);

    expect(await countCustomers(client, PREFIX)).toBe(2000);
    const found = await client.count({
      index: READ_ALIAS,
      query: { ids: { values: good.map((r) => r.txid) } },
    });
    expect(found.count).toBe(2000);
  });

  it('ingests Duo v2 exports for the tenant named by --customer, and refuses them without one', async () => {
    const customer = `${PREFIX}duo`;
    const file = join(dir, 'duo.ndjson');
    const records = Array.from(generateFormatted({ seed: 'itest-duo', count: 500, end, days }, 'duo'));
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));

    const without = sightline('ingest', file, '--json', '--rejects', join(dir, 'duo-rejects.ndjson'));
    expect(without.summary).toMatchObject({ read: 500, indexed: 0, rejected: 500 });

    const withCustomer = sightline('ingest', file, '--customer', customer, '--refresh', '--json');
    expect(withCustomer.summary).toMatchObject({ read: 500, indexed: 500, rejected: 0 });
    expect(await countCustomers(client, customer)).toBe(500);
    const upper = await client.count({
      index: READ_ALIAS,
      query: {
        bool: { filter: [{ term: { customer_id: customer } }, { terms: { result: ['SUCCESS', 'DENIED'] } }] },
      },
    });
    expect(upper.count).toBe(0);
  });

  it('reads a saved Duo API response document', async () => {
    const customer = `${PREFIX}api`;
    const file = join(dir, 'response.json');
    const authlogs = Array.from(generateFormatted({ seed: 'itest-api', count: 300, end, days }, 'duo'));
    writeFileSync(
      file,
      JSON.stringify({ response: { authlogs, metadata: { next_offset: null } }, stat: 'OK' }, null, 2),
    );
    const result = sightline('ingest', file, '--customer', customer, '--refresh', '--json');
    expect(result.summary).toMatchObject({ read: 300, indexed: 300, rejected: 0 });
    expect(await countCustomers(client, customer)).toBe(300);
  });
});
