import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { createClient } from '../packages/client/src';
import {
  type Finding,
  type FindingSort,
  SEVERITIES,
  type Severity,
  type StoredFinding,
} from '@sightline/schema/api';
import { findingId } from '../packages/query-api/src/detection/finding-id';
import { mountFindings } from '../packages/query-api/src/findings/route';
import { EsFindingStore } from '../packages/query-api/src/findings/store';
import { createApp } from '../packages/query-api/src/server/app';
import { randomCursorKey } from '../packages/query-api/src/server/cursor-key';
import { esClient } from './ingest.support';

/** This file's customer and findings indices (findings only: no records are needed to sort them). */
const CUSTOMER = 'itest-findsort-acme';
const run = randomUUID().slice(0, 8);
const indices = {
  findings: `sightline-findings-itest-sort-${run}`,
  mutes: `sightline-finding-mutes-itest-sort-${run}`,
  audit: `sightline-findings-audit-itest-sort-${run}`,
};
const client = esClient();
const store = new EsFindingStore(client, indices);
const TOKEN = 'itest-findsort-token';
const app = createApp({
  es: client,
  tokens: createTokenStore([
    { name: 'acme-analyst', sha256: hashToken(TOKEN), customer: CUSTOMER, admin: false },
  ]),
  cursors: randomCursorKey(),
  extend: mountFindings(client, store),
});
const api = createClient({
  baseUrl: 'http://sightline.test',
  token: TOKEN,
  fetch: async (input, init) => app.request(String(input), init),
});
const get = (query: string) =>
  app.request(`http://sightline.test/api/findings?${query}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });

const at = (minute: number) => new Date(Date.UTC(2026, 7, 3, 9, minute)).toISOString();

/**
 * Findings of every severity, with ties: several share a severity and a last evidence (so only the id
 * orders them), and first and last evidence disagree, so each order is a different list.
 */
const SEEDS: [Severity, firstMinute: number, lastMinute: number][] = [
  ['low', 0, 50],
  ['high', 10, 20],
  ['medium', 5, 40],
  ['critical', 30, 31],
  ['high', 12, 40],
  ['high', 1, 40],
  ['low', 45, 46],
  ['high', 2, 40],
  ['medium', 25, 35],
];
const findings: Finding[] = SEEDS.map(([severity, first, last], i) => ({
  id: findingId(CUSTOMER, 'brute_force', `user-${i}`, at(first)),
  customer: CUSTOMER,
  type: 'brute_force',
  severity,
  score: 10 * SEVERITIES.indexOf(severity) + i,
  reason: `${i + 5} invalid passcodes in ${last - first} minutes`,
  user: `user-${i}`,
  address: '198.51.100.7',
  firstSeen: at(first),
  lastSeen: at(last),
  evidence: [`itest-findsort-${i}`],
  evidenceCount: 1,
  details: {
    subject: 'user',
    failures: i + 5,
    invalidPasscodes: i + 5,
    minutes: last - first,
    succeededBy: null,
    users: [`user-${i}`],
  },
}));

const desc = (a: string | number, b: string | number) => (a < b ? 1 : a > b ? -1 : 0);
/** Each order as the API promises it, computed here from the seeds. */
const expected: Record<FindingSort, (a: Finding, b: Finding) => number> = {
  last_seen: (a, b) => desc(a.lastSeen, b.lastSeen) || desc(a.id, b.id),
  first_seen: (a, b) => desc(a.firstSeen, b.firstSeen) || desc(a.id, b.id),
  severity: (a, b) =>
    desc(SEVERITIES.indexOf(a.severity), SEVERITIES.indexOf(b.severity)) ||
    desc(a.lastSeen, b.lastSeen) ||
    desc(a.id, b.id),
};

/** Every page, pageSize at a time, following nextCursor. */
async function allPages(sort: FindingSort | undefined, pageSize: number): Promise<StoredFinding[]> {
  const out: StoredFinding[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const answer = await api.findings({ ...(sort ? { sort } : {}), pageSize, ...(cursor ? { cursor } : {}) });
    out.push(...answer.findings);
    if (!answer.nextCursor) return out;
    cursor = answer.nextCursor;
  }
  throw new Error('paging never ended');
}

describe('GET /api/findings sort', () => {
  beforeAll(async () => {
    await store.upsert(findings, at(59));
    // A reviewed finding keeps its place: the order is the evidence's and the severity's, not the status's.
    await store.setStatus({
      customer: CUSTOMER,
      id: findings[1]!.id,
      status: 'suspicious',
      token: 'acme-analyst',
      at: at(59),
    });
    await client.indices.refresh({ index: indices.findings });
  });
  afterAll(async () => {
    await client.indices.delete({ index: Object.values(indices) }, { ignore: [404] });
    await client.close();
  });

  it.each([
    ['severity', 2],
    ['severity', 4],
    ['last_seen', 2],
    ['first_seen', 3],
  ] as const)('sort=%s lists every finding once in its order across pages of %i', async (sort, pageSize) => {
    const ids = (await allPages(sort, pageSize)).map((f) => f.id);
    expect(ids).toEqual([...findings].sort(expected[sort]).map((f) => f.id));
  });

  it('lists most severe first, newest first within a severity', async () => {
    const listed = await allPages('severity', 3);
    expect(listed.map((f) => [f.severity, f.lastSeen])).toEqual([
      ['critical', at(31)],
      ['high', at(40)],
      ['high', at(40)],
      ['high', at(40)],
      ['high', at(20)],
      ['medium', at(40)],
      ['medium', at(35)],
      ['low', at(50)],
      ['low', at(46)],
    ]);
  });

  it('lists by last evidence without a sort, as before', async () => {
    expect((await allPages(undefined, 4)).map((f) => f.id)).toEqual(
      [...findings].sort(expected.last_seen).map((f) => f.id),
    );
  });

  it('combines the sort with the filters', async () => {
    const page = await api.findings({ sort: 'severity', severity: 'high', status: ['open'] });
    expect(page.findings.map((f) => f.severity)).toEqual(['critical', 'high', 'high', 'high']);
    expect(page.findings.map((f) => f.id)).not.toContain(findings[1]!.id);
  });

  it('refuses an unknown sort with a 400 naming the sorts there are', async () => {
    const response = await get('sort=score');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { issues: { path: string; message: string }[] } };
    expect(body.error.issues).toEqual([
      { path: 'sort', message: 'unknown sort "score": one of last_seen, first_seen, severity' },
    ]);
  });

  it('refuses a cursor of another sort with a 400', async () => {
    const first = await api.findings({ sort: 'severity', pageSize: 2 });
    expect(first.nextCursor).not.toBeNull();
    await expect(api.findings({ sort: 'first_seen', cursor: first.nextCursor! })).rejects.toMatchObject({
      status: 400,
      issues: [
        { path: 'cursor', message: 'the cursor belongs to another sort: start again from the first page' },
      ],
    });
  });
});
