import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESTIMATED_ROWS_HEADER } from '../packages/query-api/src/export/run';
import { generateRecords } from '../packages/query-api/src/generate';
import { ingest, RejectFile } from '../packages/query-api/src/ingest';
import { defaultColumns, getPath, type AuthLogRecord } from '@sightline/schema';
import { indexForTimestamp } from '../packages/query-api/src/store/mapping';
import {
  digest,
  ensureDataset,
  esClient,
  eventually,
  expectedRecords,
  HOSTILE,
  MAIN,
  OTHER,
  openContexts,
  PERIOD,
  removeAudit,
  removeDataset,
  startApi,
  TOKENS,
  type RunningApi,
} from './export-fixture';
import { openApiChecker } from './support/openapi';

/** Answers checked against the API's OpenAPI document. */
const checkAnswer = openApiChecker();

const es = esClient();
let api: RunningApi;

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const range = `from=${encodeURIComponent(PERIOD.from)}&to=${encodeURIComponent(PERIOD.to)}`;

function lines(text: string): string[] {
  const all = text.split('\n');
  expect(all.pop()).toBe('');
  return all;
}

/** Event time descending, then txid ascending: the log table's order. */
function inLogOrder(records: { ts: string; txid: string }[]): boolean {
  for (let i = 1; i < records.length; i++) {
    const a = records[i - 1]!;
    const b = records[i]!;
    const ta = Date.parse(a.ts);
    const tb = Date.parse(b.ts);
    if (ta < tb || (ta === tb && a.txid >= b.txid)) return false;
  }
  return true;
}

beforeAll(async () => {
  await ensureDataset(es);
  await removeAudit(es);
  api = await startApi();
});

afterAll(async () => {
  await api?.close();
  await removeAudit(es);
  // Kept only while iterating locally, to skip the ingest on the next run.
  if (!process.env.SIGHTLINE_KEEP_TEST_DATA) await removeDataset(es);
  await es.close();
});

describe('NDJSON export of every row', () => {
  it(
    'streams exactly the customer’s ingested records, each once, and nothing but records',
    { timeout: 400_000 },
    async () => {
      const expected = expectedRecords(MAIN);
      expect(expected.size).toBeGreaterThan(200_000);
      const response = await fetch(`${api.url}/api/logs/export?format=ndjson&${range}`, {
        headers: auth(TOKENS.main),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/x-ndjson');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="sightline-${MAIN}-20110702T000000Z_20110801T000000Z.ndjson"`,
      );
      expect(Number(response.headers.get(ESTIMATED_ROWS_HEADER))).toBe(expected.size);

      const all = lines(await response.text());
      expect(all).toHaveLength(expected.size);

      const seen = new Set<string>();
      const order: { ts: string; txid: string }[] = [];
      let mismatched = 0;
      for (const line of all) {
        const record = JSON.parse(line) as AuthLogRecord;
        expect(record.customer_id).toBe(MAIN);
        expect(seen.has(record.txid)).toBe(false);
        seen.add(record.txid);
        const want = expected.get(record.txid);
        if (!want || digest(want) !== digest(record)) mismatched++;
        order.push({ ts: record.ts, txid: record.txid });
      }
      expect(mismatched).toBe(0);
      expect(seen.size).toBe(expected.size);
      expect(inLogOrder(order)).toBe(true);
    },
  );
});

describe('CSV export of a filtered log', () => {
  const from = '2011-07-10T06:00:00.000Z';
  const to = '2011-07-25T18:30:00.000Z';
  const keep = (r: AuthLogRecord) =>
    Date.parse(r.ts) >= Date.parse(from) &&
    Date.parse(r.ts) < Date.parse(to) &&
    (r.result === 'denied' || r.result === 'fraud' || r.factor === 'phone_call');
  const filter = {
    or: [
      { field: 'result', op: 'in', values: ['denied', 'fraud'] },
      { field: 'factor', op: 'eq', value: 'phone_call' },
    ],
  };
  const columns = ['txid', ...defaultColumns, 'user.groups', 'access_device.is_encryption_enabled', 'seq'];

  /** The cell the CSV must hold for a value, derived from the canonical record independently of the encoder. */
  function cell(record: AuthLogRecord, column: string): string {
    const value = getPath(record, column);
    if (value === null || value === undefined) return '';
    let text: string;
    if (column === 'ts') text = new Date(value as string).toISOString();
    else if (Array.isArray(value)) text = value.join(';');
    else text = String(value);
    if (column !== 'seq' && /^[=+\-@\t\r\n]/.test(text)) text = `'${text}`;
    return text;
  }

  it(
    'holds the filtered rows, with the values of the ingested records, and parses back with csv-parse',
    { timeout: 300_000 },
    async () => {
      const expected = expectedRecords(MAIN, keep);
      expect(expected.size).toBeGreaterThan(1000);
      const params = new URLSearchParams({
        format: 'csv',
        from,
        to,
        filter: JSON.stringify(filter),
        columns: columns.join(','),
        bom: '1',
      });
      const response = await fetch(`${api.url}/api/logs/export?${params}`, { headers: auth(TOKENS.main) });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/csv');
      expect(response.headers.get('content-disposition')).toContain(
        `sightline-${MAIN}-20110710T060000Z_20110725T183000Z.csv`,
      );
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows: string[][] = parse(Buffer.from(bytes), { bom: true });
      expect(rows[0]).toEqual(columns);
      const body = rows.slice(1);
      expect(body).toHaveLength(expected.size);
      const seen = new Set<string>();
      for (const row of body) {
        const record = expected.get(row[0]!);
        expect(record, `unexpected row ${row[0]}`).toBeDefined();
        expect(row).toEqual(columns.map((c) => cell(record!, c)));
        seen.add(row[0]!);
      }
      expect(seen.size).toBe(expected.size);
      expect(inLogOrder(body.map((r) => ({ txid: r[0]!, ts: r[1]! })))).toBe(true);
    },
  );

  it('gives the same bytes for the same export asked as a POSTed report definition', async () => {
    const params = new URLSearchParams({ format: 'csv', from, to, filter: JSON.stringify(filter) });
    const viaGet = await fetch(`${api.url}/api/logs/export?${params}`, { headers: auth(TOKENS.main) });
    const viaPost = await fetch(`${api.url}/api/logs/export?format=csv`, {
      method: 'POST',
      headers: { ...auth(TOKENS.main), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        timeRange: { from, to },
        filters: filter,
        view: { type: 'log' },
      }),
    });
    const [a, b] = [await viaGet.text(), await viaPost.text()];
    expect(a.split('\r\n')[0]).toBe(defaultColumns.join(','));
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toBe(a);
  });

  it(
    'neutralises every planted formula, and leaves them alone on request',
    { timeout: 300_000 },
    async () => {
      // One week holds dozens of planted rows; the whole period would only make the test slower.
      const params = new URLSearchParams({
        format: 'csv',
        from: '2011-07-20T00:00:00.000Z',
        to: '2011-07-27T00:00:00.000Z',
        columns: 'txid,user.name',
      });
      const guarded: string[][] = parse(
        await (await fetch(`${api.url}/api/logs/export?${params}`, { headers: auth(TOKENS.main) })).text(),
      );
      params.set('escapeFormulae', '0');
      const raw: string[][] = parse(
        await (await fetch(`${api.url}/api/logs/export?${params}`, { headers: auth(TOKENS.main) })).text(),
      );
      const planted = (rows: string[][]) =>
        rows.slice(1).filter((r) => HOSTILE.some((h) => r[1]!.endsWith(h)));
      expect(planted(guarded).length).toBeGreaterThan(HOSTILE.length);
      for (const [, name] of planted(guarded)) {
        expect(/^[=+\-@\t\r\n]/.test(name!)).toBe(false);
        expect(HOSTILE.map((h) => (/^[=+\-@\t\r\n]/.test(h) ? `'${h}` : h))).toContain(name);
      }
      expect(new Set(planted(raw).map((r) => r[1]))).toEqual(new Set(HOSTILE));
    },
  );
});

describe('tenancy and input', () => {
  it('never exports another customer’s rows', { timeout: 300_000 }, async () => {
    const text = await (
      await fetch(`${api.url}/api/logs/export?format=ndjson&columns=customer_id&${range}`, {
        headers: auth(TOKENS.other),
      })
    ).text();
    const all = lines(text);
    expect(all).toHaveLength(25_000);
    expect(new Set(all)).toEqual(new Set([JSON.stringify({ customer_id: OTHER })]));
  });

  it('refuses a customer token naming another customer, and bad options, with JSON errors', async () => {
    const other = await fetch(`${api.url}/api/logs/export?format=csv&customer=${OTHER}&${range}`, {
      headers: auth(TOKENS.main),
    });
    expect(other.status).toBe(403);
    const badFormat = await fetch(`${api.url}/api/logs/export?format=xlsx&${range}`, {
      headers: auth(TOKENS.main),
    });
    expect(badFormat.status).toBe(400);
    expect((await badFormat.json()).error.code).toBe('invalid_request');
    const badColumn = await fetch(`${api.url}/api/logs/export?columns=ts,password&${range}`, {
      headers: auth(TOKENS.main),
    });
    expect(badColumn.status).toBe(400);
    const badCursor = await fetch(`${api.url}/api/logs/export?after=bm90LWEtY3Vyc29y&${range}`, {
      headers: auth(TOKENS.main),
    });
    expect(badCursor.status).toBe(400);
    expect((await badCursor.json()).error.message).toContain('after');
    const noToken = await fetch(`${api.url}/api/logs/export?${range}`);
    expect(noToken.status).toBe(401);
  });
});

/** Reads a response body until it has at least `bytes`, then returns the reader (the rest unread). */
async function readSome(response: Response, bytes: number) {
  const reader = response.body!.getReader();
  let got = 0;
  while (got < bytes) {
    const { done, value } = await reader.read();
    if (done) throw new Error('the export ended before the test could interrupt it');
    got += value.byteLength;
  }
  return reader;
}

interface AuditEntry {
  token: string;
  customer: string;
  format: string;
  rows: number;
  bytes: number;
  outcome: string;
  error: string | null;
  duration_ms: number;
  time_from: string;
}

async function auditOf(
  customer: string,
  limit = 200,
): Promise<{ entries: AuditEntry[]; next: string | null }> {
  const response = await fetch(`${api.url}/api/exports/audit?customer=${customer}&limit=${limit}`, {
    headers: auth(TOKENS.admin),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { entries: AuditEntry[]; next: string | null };
  expect(checkAnswer('/api/exports/audit', 'get', 200, body)).toEqual([]);
  return body;
}

describe('interrupted exports', () => {
  it('closes the point in time when the client disconnects', { timeout: 300_000 }, async () => {
    const baseline = await openContexts(es);
    const aborter = new AbortController();
    const response = await fetch(`${api.url}/api/logs/export?format=csv&${range}`, {
      headers: auth(TOKENS.main),
      signal: aborter.signal,
    });
    expect(response.status).toBe(200);
    await readSome(response, 1);
    expect(await openContexts(es)).toBeGreaterThan(baseline);
    aborter.abort();
    // The point in time would otherwise live for its one-minute keep-alive; this waits at most ~10 s.
    expect(
      await eventually(
        () => openContexts(es),
        (n) => n <= baseline,
      ),
    ).toBeLessThanOrEqual(baseline);
    const audit = await eventually(
      () => auditOf(MAIN),
      (a) => a.entries.some((e) => e.outcome === 'aborted'),
    );
    const aborted = audit.entries.find((e) => e.outcome === 'aborted');
    expect(aborted).toMatchObject({ customer: MAIN, format: 'csv', outcome: 'aborted' });
    expect(aborted!.rows).toBeLessThan(225_000);
  });

  it(
    'lets a customer run at most two exports at once; the third gets 429 with Retry-After',
    { timeout: 300_000 },
    async () => {
      const open = (token: string) =>
        fetch(`${api.url}/api/logs/export?format=ndjson&${range}`, { headers: auth(token) });
      const first = await open(TOKENS.main);
      const second = await open(TOKENS.main);
      expect([first.status, second.status]).toEqual([200, 200]);
      const third = await open(TOKENS.main);
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBe('1');
      const refusal = (await third.json()) as { error: { code: string } };
      expect(refusal.error.code).toBe('too_many_exports');
      expect(checkAnswer('/api/logs/export', 'get', 429, refusal)).toEqual([]);
      // Another customer is not affected.
      const other = await open(TOKENS.other);
      expect(other.status).toBe(200);
      await other.body!.cancel();
      await first.body!.cancel();
      const again = await eventually(
        async () => {
          const r = await open(TOKENS.main);
          if (r.status === 200) await r.body!.cancel();
          return r.status;
        },
        (status) => status === 200,
      );
      expect(again).toBe(200);
      await second.body!.cancel();
    },
  );
});

describe('the export audit', () => {
  it('records who exported what and how it ended; admins page through it, customers may not', async () => {
    // The previous test's cancelled exports free their slots as the server notices the closed sockets.
    const response = await eventually(
      () =>
        fetch(`${api.url}/api/logs/export?format=ndjson&marker=1&columns=txid&${range}&result=fraud`, {
          headers: auth(TOKENS.main),
        }),
      (r) => r.status !== 429,
    );
    expect(response.status).toBe(200);
    const body = lines(await response.text());
    const rows = JSON.parse(body.pop()!)._sightline.rows as number;
    const audit = await eventually(
      () => auditOf(MAIN),
      (a) => a.entries.some((e) => e.outcome === 'complete' && e.rows === rows && e.format === 'ndjson'),
    );
    const entry = audit.entries.find((e) => e.outcome === 'complete' && e.rows === rows)!;
    expect(entry).toMatchObject({
      token: `env-${MAIN}`,
      customer: MAIN,
      error: null,
      time_from: PERIOD.from,
    });
    expect(entry.bytes).toBeGreaterThan(0);
    expect(entry.duration_ms).toBeGreaterThanOrEqual(0);

    const firstPage = await fetch(`${api.url}/api/exports/audit?customer=${MAIN}&limit=2`, {
      headers: auth(TOKENS.admin),
    });
    const page1 = (await firstPage.json()) as { entries: { id: string }[]; next: string | null };
    expect(page1.entries).toHaveLength(2);
    expect(page1.next).not.toBeNull();
    const page2 = (await (
      await fetch(`${api.url}/api/exports/audit?customer=${MAIN}&limit=2&after=${page1.next}`, {
        headers: auth(TOKENS.admin),
      })
    ).json()) as { entries: { id: string }[] };
    expect(page2.entries.length).toBeGreaterThan(0);
    expect(page2.entries.map((e) => e.id)).not.toContain(page1.entries[0]!.id);

    const forbidden = await fetch(`${api.url}/api/exports/audit`, { headers: auth(TOKENS.main) });
    expect(forbidden.status).toBe(403);
    expect(checkAnswer('/api/exports/audit', 'get', 403, await forbidden.json())).toEqual([]);
  });
});

describe('an export that fails part-way', () => {
  const FAIL = 'exptest-fail';
  // A month no other test writes to: the test deletes its index under a running export.
  const end = new Date('1999-03-20T00:00:00.000Z');
  const failIndex = indexForTimestamp(end);
  let small: RunningApi;

  beforeAll(async () => {
    await es.indices.delete({ index: failIndex, ignore_unavailable: true });
    await ingestBack();
    // Pages of 20 make the export hundreds of searches long, so it cannot have finished, and the
    // sockets' buffers cannot already hold all of it, by the time the test deletes the index.
    small = await startApi({ pageSize: 20 });
  });

  afterAll(async () => {
    await small?.close();
    await es.indices.delete({ index: failIndex, ignore_unavailable: true });
  });

  async function failingExport(format: 'csv' | 'ndjson', marker = false) {
    await ingestBack();
    const { count: others } = await es.count({
      index: failIndex,
      query: { bool: { must_not: { term: { customer_id: FAIL } } } },
    });
    expect(others).toBe(0);
    const response = await fetch(
      `${small.url}/api/logs/export?format=${format}${marker ? '&marker=1' : ''}&customer=${FAIL}&from=1999-03-01T00:00:00Z&to=1999-04-01T00:00:00Z`,
      { headers: auth(TOKENS.admin) },
    );
    expect(response.status).toBe(200);
    const reader = await readSome(response, 1);
    await es.indices.delete({ index: failIndex });
    return reader;
  }

  /** Each case deletes the index; the next one puts the records back. */
  async function ingestBack() {
    const exists = await es.indices.exists({ index: failIndex });
    if (exists) return;
    let line = 0;
    const items = (function* () {
      for (const value of generateRecords({
        seed: 'export-fail',
        count: 4000,
        days: 5,
        end,
        customers: 'single',
      }))
        yield { line: ++line, value: { ...value, customer_id: FAIL } };
    })();
    const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'exptest-')), 'rejects.ndjson'));
    await ingest(es, { items, rejects, refresh: true, clock: () => end });
  }

  it('ends NDJSON asked for its marker with an error line that says it is incomplete', async () => {
    const reader = await failingExport('ndjson', true);
    let text = '';
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const last = JSON.parse(text.trim().split('\n').pop()!);
    expect(last._sightline.complete).toBe(false);
    expect(last._sightline.error).toEqual(expect.any(String));
    expect(last._sightline.rows).toBeLessThan(4000);
  });

  it('cuts a CSV connection instead of ending it, so a partial file cannot pass for complete', async () => {
    const reader = await failingExport('csv');
    const drain = async () => {
      for (;;) if ((await reader.read()).done) return 'ended cleanly';
    };
    await expect(drain()).rejects.toThrow();
  });

  it('cuts a records-only NDJSON connection too, having no line to say it failed', async () => {
    const reader = await failingExport('ndjson');
    const drain = async () => {
      for (;;) if ((await reader.read()).done) return 'ended cleanly';
    };
    await expect(drain()).rejects.toThrow();
  });
});
