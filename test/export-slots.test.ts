import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportAuditLog, NewAuditEntry } from '../packages/query-api/src/export/audit';
import { InMemoryExportSlots } from '../packages/query-api/src/export/limits';
import { generateRecords } from '../packages/query-api/src/generate';
import { ingest, RejectFile } from '../packages/query-api/src/ingest';
import { createEsClient } from '../packages/query-api/src/server/es';
import { cleanTestMonth, esClient } from './ingest.support';
import { serveExportApi } from './support/export-api';

/** This file's month (its own index) and customer: see cleanTestMonth. */
const MONTH = '2008-04';
const PREFIX = 'slotstest-';
const CUSTOMER = `${PREFIX}main`;
const TOKEN = 'slotstest-token';
const END = new Date('2008-04-28T00:00:00Z');
const range = `from=${encodeURIComponent('2008-04-01T00:00:00Z')}&to=${encodeURIComponent(END.toISOString())}`;
const es = esClient();

/** The audit trail, kept in memory so each test sees exactly the entries its requests wrote. */
class RecordedAudit implements ExportAuditLog {
  entries: NewAuditEntry[] = [];
  async record(entry: NewAuditEntry) {
    this.entries.push(entry);
    return { id: String(this.entries.length), ...entry };
  }
  async list() {
    return { entries: [], next: null };
  }
}

interface Api {
  url: string;
  audit: RecordedAudit;
  close(): Promise<void>;
}

const apis: Api[] = [];

async function startApi(concurrency: number): Promise<Api> {
  const client = createEsClient(process.env.ES_URL!, { requestTimeoutMs: 60_000 });
  const audit = new RecordedAudit();
  // Small pages, so an export is still running when its client walks away.
  const api: Api = {
    ...(await serveExportApi(client, `${TOKEN}=${CUSTOMER}`, {
      slots: new InMemoryExportSlots(concurrency, 1),
      audit,
      pageSize: 50,
    })),
    audit,
  };
  apis.push(api);
  return api;
}

const exportOf = (api: Api, init: RequestInit = {}) =>
  fetch(`${api.url}/api/logs/export?format=csv&${range}`, {
    ...init,
    headers: { Authorization: `Bearer ${TOKEN}` },
  });

/** Polls until `check` holds, for at most about ten seconds. */
async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 100 && !check(value); i++) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

beforeAll(async () => {
  await cleanTestMonth(es, PREFIX, MONTH);
  const records = generateRecords({ seed: 'slotstest', count: 3000, end: END, days: 20 });
  let line = 0;
  const items = Array.from(records, (r) => ({ line: ++line, value: { ...r, customer_id: CUSTOMER } }));
  const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'slotstest-')), 'rejects.ndjson'));
  await ingest(es, { items, rejects, refresh: true });
  expect(rejects.count).toBe(0);
});

afterAll(async () => {
  await Promise.all(apis.map((a) => a.close()));
  await cleanTestMonth(es, PREFIX, MONTH);
  await es.close();
});

describe('export slots', () => {
  it('HEAD describes the export without starting one: no slot taken, nothing audited', async () => {
    const api = await startApi(2);
    for (let i = 0; i < 2; i++) {
      const head = await exportOf(api, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toContain('text/csv');
      expect(head.headers.get('x-sightline-estimated-rows')).toBeNull();
    }
    // Both slots are still free: two exports run side by side.
    const [first, second] = [await exportOf(api), await exportOf(api)];
    expect([first.status, second.status]).toEqual([200, 200]);
    const rows = (await first.text()).split('\r\n').length - 2;
    await second.text();
    expect(rows).toBe(3000);
    await eventually(
      async () => api.audit.entries.length,
      (n) => n === 2,
    );
    expect(api.audit.entries.map((e) => e.outcome)).toEqual(['complete', 'complete']);
  });

  it('HEAD with a bad query is refused like the GET would be', async () => {
    const api = await startApi(1);
    const head = await fetch(`${api.url}/api/logs/export?format=xlsx&${range}`, {
      method: 'HEAD',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(head.status).toBe(400);
  });

  it('an export whose client walks away gives its slot back', async () => {
    const api = await startApi(1);
    const aborter = new AbortController();
    const running = await exportOf(api, { signal: aborter.signal });
    expect(running.status).toBe(200);
    const reader = running.body!.getReader();
    await reader.read();
    // The customer's only slot is taken while the export runs.
    expect((await exportOf(api)).status).toBe(429);
    aborter.abort();
    const again = await eventually(
      async () => {
        const r = await exportOf(api);
        await r.body?.cancel();
        return r.status;
      },
      (status) => status === 200,
    );
    expect(again).toBe(200);
    expect(api.audit.entries.map((e) => e.outcome)).toContain('aborted');
  });

  it('a finished export gives its slot back at once', async () => {
    const api = await startApi(1);
    for (let i = 0; i < 3; i++) {
      const response = await exportOf(api);
      expect(response.status).toBe(200);
      await response.text();
    }
  });
});
