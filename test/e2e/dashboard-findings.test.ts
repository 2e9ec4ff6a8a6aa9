import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../packages/query-api/src/detection';
import {
  FINDINGS_INDEX,
  FINDING_AUDIT_INDEX,
  FINDING_MUTES_INDEX,
} from '../../packages/query-api/src/findings/mapping';
import { EsFindingStore } from '../../packages/query-api/src/findings/store';
import { SEVERITIES } from '@sightline/schema/api';
import type { AuthLogRecord } from '@sightline/schema';
import { esClient } from '../ingest.support';
import { WAIT, launchChromium, signIn, watchLogRows } from './support/browser';
import { CUSTOMER, END, ensureDataset, START } from './support/dataset';
import { buildDashboard, startDashboardServer, type DashboardServer } from './support/server';
import { axeFindings } from './support/storybook';

const RANGE = `from=${START.toISOString()}&to=${END.toISOString()}&tz=UTC`;

let server: DashboardServer;
let browser: Browser;
let records: AuthLogRecord[];
let seeded: Finding[];
const es = esClient();
const store = new EsFindingStore(es);

const findingId = (name: string) =>
  createHash('sha256').update(`e2e-findings:${name}`).digest('hex').slice(0, 32);

/** A finding whose evidence is real stored records of the data set, as a detector would write it. */
function findingOf(
  name: string,
  evidence: AuthLogRecord[],
  fields: Pick<Finding, 'severity' | 'reason' | 'user' | 'address'> & Pick<Finding, 'type' | 'details'>,
): Finding {
  const sorted = [...evidence].sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
  return {
    id: findingId(name),
    customer: CUSTOMER,
    score: 50,
    firstSeen: sorted[0]!.ts,
    lastSeen: sorted[sorted.length - 1]!.ts,
    evidence: sorted.map((r) => r.txid),
    evidenceCount: sorted.length,
    ...fields,
  } as Finding;
}

/** Three findings on records of three users, newest last evidence first: fatigue, guessing, first seen. */
function craftFindings(): Finding[] {
  const byUser = new Map<string, AuthLogRecord[]>();
  for (const r of records) {
    const user = r.user?.name;
    if (user) byUser.set(user, [...(byUser.get(user) ?? []), r]);
  }
  const users = [...byUser.entries()].filter(([, rs]) => rs.length >= 6).slice(0, 3);
  expect(users).toHaveLength(3);
  type UserRecords = [string, AuthLogRecord[]];
  const [[alice, a], [bob, b], [carol, c]] = users as [UserRecords, UserRecords, UserRecords];
  return [
    findingOf('fatigue', a.slice(0, 5), {
      type: 'push_fatigue',
      severity: 'high',
      reason: '4 unanswered pushes in 6 minutes, then approved',
      user: alice,
      address: a[0]!.access_device?.ip ?? null,
      details: { refused: 4, minutes: 6, approvedBy: a[4]!.txid, addresses: [] },
    }),
    findingOf('guessing', b.slice(0, 6), {
      type: 'brute_force',
      severity: 'critical',
      reason: '6 invalid passcodes in 9 minutes',
      user: bob,
      address: b[0]!.access_device?.ip ?? null,
      details: {
        subject: 'user',
        failures: 6,
        invalidPasscodes: 6,
        minutes: 9,
        succeededBy: null,
        users: [bob],
      },
    }),
    findingOf('first-seen', c.slice(0, 1), {
      type: 'first_seen',
      severity: 'low',
      reason: 'First sign-in from Norway for this user in 30 days',
      user: carol,
      address: null,
      details: {
        novelties: ['country'],
        country: 'NO',
        device: null,
        application: null,
        hour: null,
        baselineDays: 30,
        baselineAttempts: 120,
      },
    }),
  ];
}

/** This file's findings, mutes and audit entries; the local node has no _delete_by_query. */
async function clearFindings(): Promise<void> {
  const scope = {
    index: [FINDINGS_INDEX, FINDING_MUTES_INDEX, FINDING_AUDIT_INDEX],
    allow_no_indices: true,
    ignore_unavailable: true,
  };
  await es.indices.refresh(scope);
  const page = await es.search({
    ...scope,
    size: 10_000,
    _source: false,
    query: { term: { customer: CUSTOMER } },
  });
  if (page.hits.hits.length === 0) return;
  const response = await es.bulk({
    operations: page.hits.hits.map((h) => ({ delete: { _index: h._index, _id: h._id! } })),
    refresh: true,
  });
  if (response.errors) throw new Error('could not delete the test findings');
}

beforeAll(async () => {
  const [dataset, dist] = await Promise.all([ensureDataset(), Promise.resolve(buildDashboard())]);
  records = dataset.records;
  seeded = craftFindings();
  server = await startDashboardServer(CUSTOMER, dist);
  browser = await launchChromium();
  mkdirSync('test-results', { recursive: true });
});

// Each test starts from the three findings, all open, stored as the detect command stores them.
beforeEach(async () => {
  await clearFindings();
  await store.upsert(seeded, new Date().toISOString());
  await es.indices.refresh({ index: FINDINGS_INDEX });
});

afterEach(async () => {
  await clearFindings();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await es.close();
});

async function openFindings(query = '', width = 1280, height = 900): Promise<Page> {
  // The page's content security policy forbids inline scripts; axe is injected as one.
  const page = await browser.newPage({ viewport: { width, height }, bypassCSP: true });
  await page.goto(`${server.url}/findings?${RANGE}${query}`);
  await signIn(page, server.token);
  await page.getByRole('heading', { level: 1, name: 'Findings' }).waitFor(WAIT);
  return page;
}

const items = (page: Page) => page.locator('.sl-findings__items > li article');
/** The listed findings' titles, in order, once the list has settled on `count` of them. */
async function listed(page: Page, count: number): Promise<string[]> {
  await expect.poll(() => items(page).count(), WAIT).toBe(count);
  return page.locator('.sl-findings__items h3').allTextContents();
}
const byType = (page: Page, title: string) =>
  items(page).filter({ has: page.getByRole('heading', { name: title }) });

describe('the Findings page', () => {
  it('lists the seeded findings, newest first, each with its severity in words, reason, user and times', async () => {
    const page = await openFindings();
    const newestFirst = [...seeded].sort((a, b) => Date.parse(b.lastSeen) - Date.parse(a.lastSeen));
    const titles = {
      push_fatigue: 'Push fatigue',
      brute_force: 'Passcode guessing',
      first_seen: 'First seen for this user',
    };
    expect(await listed(page, 3)).toEqual(newestFirst.map((f) => titles[f.type as keyof typeof titles]));

    const fatigue = byType(page, 'Push fatigue');
    const text = (await fatigue.textContent()) ?? '';
    expect(text).toContain('High severity');
    expect(text).toContain('4 unanswered pushes in 6 minutes, then approved');
    expect(text).toContain(seeded[0]!.user!);
    expect(
      await fatigue.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime'))),
    ).toEqual([seeded[0]!.firstSeen, seeded[0]!.lastSeen]);
    expect(await byType(page, 'Passcode guessing').textContent()).toContain('Critical severity');
    expect(await byType(page, 'First seen for this user').textContent()).toContain('Low severity');
    await page.screenshot({ path: 'test-results/dashboard-findings.png', fullPage: true });
    await page.close();
  });

  it('lists open findings before reviewed ones', async () => {
    const newest = [...seeded].sort((a, b) => Date.parse(b.lastSeen) - Date.parse(a.lastSeen))[0]!;
    await store.setStatus({
      customer: CUSTOMER,
      id: newest.id,
      status: 'suspicious',
      token: 'e2e',
      at: new Date().toISOString(),
    });
    const page = await openFindings();
    await listed(page, 3);
    const statuses = await items(page).evaluateAll((as) => as.map((a) => a.getAttribute('data-status')));
    expect(statuses).toEqual(['open', 'open', 'suspicious']);
    expect(await items(page).last().getAttribute('data-finding')).toBe(newest.id);
    await page.close();
  });

  it('filters by type, minimum severity and status, and keeps the filters in the URL', async () => {
    const page = await openFindings();
    await listed(page, 3);
    await page.getByRole('checkbox', { name: 'Push fatigue' }).check();
    expect(await listed(page, 1)).toEqual(['Push fatigue']);
    expect(new URL(page.url()).searchParams.getAll('type')).toEqual(['push_fatigue']);

    await page.getByRole('checkbox', { name: 'Push fatigue' }).uncheck();
    await page.getByLabel('Minimum severity').selectOption('high');
    expect((await listed(page, 2)).sort()).toEqual(['Passcode guessing', 'Push fatigue']);
    expect(new URL(page.url()).searchParams.get('severity')).toBe('high');

    // A reload (or a shared link) shows the same list.
    await page.reload();
    expect((await listed(page, 2)).sort()).toEqual(['Passcode guessing', 'Push fatigue']);
    expect(await page.getByLabel('Minimum severity').inputValue()).toBe('high');

    await page.getByRole('checkbox', { name: 'Dismissed' }).check();
    await expect.poll(() => page.locator('[data-empty="findings"]').count(), WAIT).toBe(1);
    await page.close();
  });

  it('sorts by severity, most severe first, open ones before reviewed ones, and keeps the sort in the URL', async () => {
    const titles: Record<string, string> = {
      push_fatigue: 'Push fatigue',
      brute_force: 'Passcode guessing',
      first_seen: 'First seen for this user',
    };
    const stored = await Promise.all(seeded.map((f) => store.get(CUSTOMER, f.id)));
    const bySeverity = (open: boolean) =>
      stored
        .filter((f) => (f!.status === 'open') === open)
        .sort((a, b) => SEVERITIES.indexOf(b!.severity) - SEVERITIES.indexOf(a!.severity))
        .map((f) => titles[f!.type]);
    const expected = [...bySeverity(true), ...bySeverity(false)];
    const page = await openFindings();
    await listed(page, 3);
    await page.getByLabel('Sort by').selectOption('severity');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort'), WAIT).toBe('severity');
    await expect.poll(() => page.locator('.sl-findings__items h3').allTextContents(), WAIT).toEqual(expected);
    await page.reload();
    expect(await listed(page, 3)).toEqual(expected);
    expect(await page.getByLabel('Sort by').inputValue()).toBe('severity');
    await page.close();
  });

  it('marks a finding suspicious at once, and the mark survives a reload', async () => {
    const page = await openFindings();
    await listed(page, 3);
    const fatigue = byType(page, 'Push fatigue');
    await fatigue.getByRole('button', { name: 'Mark suspicious' }).click();
    await expect.poll(() => fatigue.getAttribute('data-status'), WAIT).toBe('suspicious');
    await expect.poll(() => fatigue.getByRole('status').textContent(), WAIT).toBe('Marked suspicious.');

    await page.reload();
    await listed(page, 3);
    expect(await byType(page, 'Push fatigue').getAttribute('data-status')).toBe('suspicious');
    expect(await byType(page, 'Push fatigue').locator('.sl-finding__status').textContent()).toBe(
      'Suspicious',
    );
    expect((await store.get(CUSTOMER, seeded[0]!.id))?.status).toBe('suspicious');
    await page.close();
  });

  it('dismisses a finding and mutes its pattern for its user', async () => {
    const page = await openFindings();
    await listed(page, 3);
    const guessing = byType(page, 'Passcode guessing');
    await guessing.getByRole('checkbox', { name: /mute this pattern/ }).check();
    await guessing.getByRole('button', { name: 'Dismiss' }).click();
    await expect
      .poll(() => guessing.getByRole('status').textContent(), WAIT)
      .toBe(`Dismissed; passcode guessing is muted for ${seeded[1]!.user}.`);
    const muted = await store.mutedPatterns([CUSTOMER]);
    expect(muted.size).toBe(1);
    expect((await store.get(CUSTOMER, seeded[1]!.id))?.status).toBe('dismissed');
    await page.close();
  });

  it('says clearly when a status change fails, and shows the old status again', async () => {
    const page = await openFindings();
    await listed(page, 3);
    await page.route('**/api/findings/*/status', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'unavailable', message: 'Elasticsearch is unavailable' } }),
      }),
    );
    const fatigue = byType(page, 'Push fatigue');
    await fatigue.getByRole('button', { name: 'Mark suspicious' }).click();
    await expect
      .poll(() => fatigue.getByRole('alert').textContent(), WAIT)
      .toContain('The status was not changed.');
    expect(await fatigue.getAttribute('data-status')).toBe('open');
    await page.close();
  });

  it('opens the log with exactly the finding’s evidence rows', async () => {
    const page = await openFindings();
    await listed(page, 3);
    const shown = await watchLogRows(page);
    const guessing = seeded[1]!;
    await byType(page, 'Passcode guessing').getByRole('link', { name: 'Show the 6 attempts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Authentication log' }).waitFor(WAIT);
    await page.locator('[data-widget="log"][data-state="ready"]').waitFor(WAIT);
    await expect.poll(() => page.locator('#log-results').textContent(), WAIT).toMatch(/^6 attempts/);
    expect(new Set(shown())).toEqual(new Set(guessing.evidence));
    expect(new URL(page.url()).searchParams.getAll('f.txid').sort()).toEqual([...guessing.evidence].sort());
    await page.close();
  });

  it('shows the open findings first in the overview’s Out of the ordinary card, linking to the page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/?${RANGE}`);
    await signIn(page, server.token);
    const card = page.locator('[data-widget="significant"]');
    const open = card.locator('[data-open-findings] li');
    await expect.poll(() => open.count(), WAIT).toBe(3);
    // The most severe first.
    expect(await open.first().textContent()).toContain('Passcode guessing');
    await card.getByRole('link', { name: /All 3 open findings/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Findings' }).waitFor(WAIT);
    expect(new URL(page.url()).searchParams.getAll('status')).toEqual(['open']);
    await listed(page, 3);
    await page.close();
  });

  it('has no axe violations and fits 390 px and 1,280 px without sideways scrolling', async () => {
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      const page = await openFindings('', width, height);
      await listed(page, 3);
      expect(await axeFindings(page, 'body')).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `test-results/dashboard-findings-${width}.png`, fullPage: true });
      await page.close();
    }
  });
});
