import type { Client } from '@elastic/elasticsearch';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { ingest, normalise, RejectFile } from '../packages/query-api/src/ingest';
import type { ReportDefinition, ReportResult } from '@sightline/schema/reports';
import type { AuthLogRecord } from '@sightline/schema';
import { createApp, createEsClient, type AppDeps } from '../packages/query-api/src/server';
import { esClient } from './ingest.support';

/** A raw record as a source sends it; tests change what they are about and keep the rest. */
export type RawRecord = Record<string, unknown> & {
  user: Record<string, unknown>;
  access_device: Record<string, unknown> & { location: Record<string, unknown> };
};

/** A plain successful authentication of `customer`'s user at `ts`, every optional part filled in. */
export function rawRecord(customer: string, txid: string, ts: string): RawRecord {
  return {
    txid,
    customer_id: customer,
    ts,
    event_type: 'authentication',
    result: 'success',
    reason: 'user_approved',
    factor: 'duo_push',
    user: { name: 'ann', key: 'DUANN', groups: ['Staff'] },
    email: 'ann@example.com',
    application: { name: 'VPN', key: 'DIVPN', type: 'SAML' },
    access_device: {
      ip: '10.0.0.1',
      ip_reputation: { is_malicious: false, is_vpn: false, is_tor: false },
      location: { city: 'Berlin', state: 'Berlin', country: 'Germany' },
      browser: 'Chrome',
      os: 'Windows',
    },
  };
}

/**
 * A minimal successful login attempt numbered `n` of `customer` at `ts` (txid `<customer>-<n>`,
 * user `user<n>`): the few fields the pipeline's checks read, `over` changing what a test is about.
 */
export function loginAttempt(
  customer: string,
  n: number,
  ts: string,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    txid: `${customer}-${n}`,
    customer_id: customer,
    ts,
    result: 'success',
    reason: 'user_approved',
    factor: 'duo_push',
    user: { name: `user${n}` },
    application: { name: 'Payroll' },
    access_device: { ip: '203.0.113.9', location: { country: 'Germany', country_code: 'DE' } },
    ...over,
  };
}

/** Ingests raw records with the ingest pipeline; returns them as stored (normalised). */
export async function ingestRaw(records: readonly RawRecord[]): Promise<AuthLogRecord[]> {
  const ingestedAt = new Date().toISOString();
  const stored = records.map((r) => {
    const result = normalise(r, { ingestedAt });
    if (!result.ok) throw new Error(`test record ${String(r.txid)} is rejected: ${result.detail}`);
    return result.record;
  });
  const client = esClient();
  const rejects = new RejectFile(join(mkdtempSync(join(tmpdir(), 'sl-records-')), 'rejects.ndjson'));
  const summary = await ingest(client, {
    items: records.map((value, i) => ({ line: i + 1, value })),
    rejects,
    refresh: true,
  });
  await client.close();
  if (summary.rejected > 0) throw new Error(`${summary.rejected} test records were rejected`);
  return stored;
}

/** The API as a customer's token sees it, against the real Elasticsearch. */
export function customerApi(customer: string, deps: (es: Client) => Partial<AppDeps> = () => ({})) {
  const es = createEsClient(process.env.ES_URL ?? 'http://127.0.0.1:9200');
  const app = createApp({
    es,
    tokens: createTokenStore([{ name: 't', sha256: hashToken('tok'), customer, admin: false }]),
    now: () => new Date(),
    ...deps(es),
  });
  const post = (definition: ReportDefinition) =>
    app.request('/api/reports/run', {
      method: 'POST',
      headers: { Authorization: 'Bearer tok', 'Content-Type': 'application/json' },
      body: JSON.stringify(definition),
    });
  return {
    post,
    /** Runs a definition; fails with Elasticsearch's or the API's message when it does not answer 200. */
    async run(definition: ReportDefinition): Promise<ReportResult> {
      const res = await post(definition);
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      return (await res.json()) as ReportResult;
    },
    close: () => es.close(),
  };
}
