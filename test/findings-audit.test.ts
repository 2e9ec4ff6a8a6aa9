import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { createClient, SightlineApiError } from '../packages/client/src';
import { type FindingAuditEntry } from '@sightline/schema/api';
import type { Finding } from '../packages/query-api/src/detection';
import { mountFindings } from '../packages/query-api/src/findings/route';
import { EsFindingStore } from '../packages/query-api/src/findings/store';
import { createApp } from '../packages/query-api/src/server/app';
import { randomCursorKey } from '../packages/query-api/src/server/cursor-key';
import { esClient } from './ingest.support';

/** This file's customers and findings indices (one set per run). */
const PREFIX = 'itest-faudit-';
const ACME = `${PREFIX}acme`;
const GLOBEX = `${PREFIX}globex`;
const run = randomUUID().slice(0, 8);
const indices = {
  findings: `sightline-findings-itest-faudit-${run}`,
  mutes: `sightline-finding-mutes-itest-faudit-${run}`,
  audit: `sightline-findings-audit-itest-faudit-${run}`,
};
const es = esClient();
const store = new EsFindingStore(es, indices);

const TOKENS = { admin: 'itest-faudit-admin', other: 'itest-faudit-other', acme: 'itest-faudit-acme' };
const app = createApp({
  es,
  tokens: createTokenStore([
    { name: 'ops-admin', sha256: hashToken(TOKENS.admin), customer: null, admin: true },
    { name: 'night-admin', sha256: hashToken(TOKENS.other), customer: null, admin: true },
    { name: 'acme-analyst', sha256: hashToken(TOKENS.acme), customer: ACME, admin: false },
  ]),
  cursors: randomCursorKey(),
  extend: (api, deps) => mountFindings(es, store)(api, deps),
});
const apiFor = (token: string, customer?: string) =>
  createClient({
    baseUrl: 'http://sightline.test',
    token,
    ...(customer ? { customer } : {}),
    fetch: async (input, init) => app.request(String(input), init),
  });

const idOf = (name: string) => createHash('sha256').update(`${PREFIX}${name}`).digest('hex').slice(0, 32);

/** A first-seen finding about `user` (or about an address when null) of `customer`. */
function finding(customer: string, name: string, user: string | null): Finding {
  return {
    id: idOf(`${customer}:${name}`),
    customer,
    type: 'first_seen',
    severity: 'medium',
    score: 40,
    reason: `First sign-in from Norway for ${user ?? 'this address'} in 30 days`,
    user,
    address: '198.51.100.7',
    firstSeen: '2026-10-04T08:00:00.000Z',
    lastSeen: '2026-10-04T08:05:00.000Z',
    evidence: [`${PREFIX}${name}-tx`],
    evidenceCount: 1,
    details: {
      novelties: ['country'],
      country: 'NO',
      device: null,
      application: null,
      hour: null,
      baselineDays: 30,
      baselineAttempts: 90,
    },
  } as Finding;
}

const ana = finding(ACME, 'ana', 'ana');
const bo = finding(ACME, 'bo', 'bo');
const other = finding(GLOBEX, 'ana', 'ana');

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(SightlineApiError);
      return error as SightlineApiError;
    },
  );

const shape = (e: FindingAuditEntry) => [e.token, e.finding, e.from, e.to, e.mute];

describe('GET /api/findings/audit', () => {
  let marks: { before: string; between: string; after: string };

  beforeAll(async () => {
    await store.upsert([ana, bo, other], new Date().toISOString());
    await es.indices.refresh({ index: indices.findings });
    const admin = apiFor(TOKENS.admin, ACME);
    const night = apiFor(TOKENS.other, ACME);
    const before = new Date().toISOString();
    await admin.setFindingStatus(ana.id, { status: 'suspicious', note: 'seen from a VPN' });
    await admin.setFindingStatus(bo.id, { status: 'dismissed', mute: true });
    const between = new Date().toISOString();
    await night.setFindingStatus(ana.id, { status: 'open' });
    await apiFor(TOKENS.admin, GLOBEX).setFindingStatus(other.id, { status: 'dismissed' });
    marks = { before, between, after: new Date().toISOString() };
    await es.indices.refresh({ index: indices.audit });
  });

  afterAll(async () => {
    await es.indices.delete({ index: Object.values(indices) }, { ignore: [404] });
    await es.close();
  });

  it('lists who changed which finding when, from what to what, with mutes and notes, newest first', async () => {
    const page = await apiFor(TOKENS.admin, ACME).findingsAudit();
    expect(page.next).toBeNull();
    expect(page.entries.map(shape)).toEqual([
      ['night-admin', ana.id, 'suspicious', 'open', null],
      ['ops-admin', bo.id, 'open', 'dismissed', true],
      ['ops-admin', ana.id, 'open', 'suspicious', null],
    ]);
    const [, muted, first] = page.entries;
    expect(muted).toMatchObject({ customer: ACME, user: 'bo', type: 'first_seen', note: null });
    expect(first!.note).toBe('seen from a VPN');
    expect(Date.parse(first!.at)).toBeGreaterThanOrEqual(Date.parse(marks.before));
  });

  it('narrows by finding, user, token and time, and without a customer lists every customer', async () => {
    const admin = apiFor(TOKENS.admin, ACME);
    expect((await admin.findingsAudit({ finding: ana.id })).entries.map((e) => e.to)).toEqual([
      'open',
      'suspicious',
    ]);
    expect((await admin.findingsAudit({ user: 'bo' })).entries.map((e) => e.finding)).toEqual([bo.id]);
    expect((await admin.findingsAudit({ token: 'night-admin' })).entries.map((e) => e.to)).toEqual(['open']);
    expect(
      (await admin.findingsAudit({ from: marks.before, to: marks.between })).entries.map((e) => e.token),
    ).toEqual(['ops-admin', 'ops-admin']);
    expect((await admin.findingsAudit({ from: marks.after })).entries).toEqual([]);
    // A user of the same name at another customer is that customer's.
    expect((await apiFor(TOKENS.admin, GLOBEX).findingsAudit({ user: 'ana' })).entries).toHaveLength(1);
    const everyone = await apiFor(TOKENS.admin).findingsAudit({ user: 'ana', limit: 10 });
    expect(new Set(everyone.entries.map((e) => e.customer))).toEqual(new Set([ACME, GLOBEX]));
  });

  it('pages with limit and after, as the export audit does', async () => {
    const admin = apiFor(TOKENS.admin, ACME);
    const first = await admin.findingsAudit({ limit: 2 });
    expect(first.entries).toHaveLength(2);
    expect(first.next).not.toBeNull();
    const second = await admin.findingsAudit({ limit: 2, after: first.next! });
    expect(second.entries.map(shape)).toEqual([['ops-admin', ana.id, 'open', 'suspicious', null]]);
    expect(second.next).toBeNull();
  });

  it('is refused to customer tokens, and bad parameters are refused by name', async () => {
    const forbidden = await refusal(apiFor(TOKENS.acme).findingsAudit());
    expect(forbidden.status).toBe(403);
    expect(forbidden.message).toBe('the findings audit is for admin tokens');
    const admin = apiFor(TOKENS.admin, ACME);
    const cases: [Parameters<typeof admin.findingsAudit>[0], string, RegExp][] = [
      [{ finding: 'nope' }, 'finding', /not a finding id/],
      [{ after: 'garbage' }, 'after', /not a findings audit page cursor/],
      [{ limit: 500 }, 'limit', /200/],
      [{ from: 'yesterday' }, 'from', /./],
      [{ from: marks.after, to: marks.before }, 'to', /from must be before to/],
    ];
    for (const [params, path, message] of cases) {
      const error = await refusal(admin.findingsAudit(params));
      expect(error.status).toBe(400);
      expect(error.issues.find((i) => i.path === path)?.message).toMatch(message);
    }
    const badCustomer = await refusal(apiFor(TOKENS.admin, 'no such customer!').findingsAudit());
    expect(badCustomer.status).toBe(400);
  });
});
