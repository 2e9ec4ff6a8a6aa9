import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOAD_LOG_INDEX,
  recordLoads,
  ensureLoadLog,
  type LoadLogEntry,
} from '../../packages/query-api/src/pipeline/load-log';
import {
  QUALITY_INDEX,
  recordResults,
  type CheckResult,
} from '../../packages/query-api/src/pipeline/quality';
import { PAUSES_INDEX, PauseStore } from '../../packages/query-api/src/pipeline/pauses';
import { esClient } from '../ingest.support';
import { OVERVIEW_WIDGETS } from '../../apps/dashboard/src/overview/overviewReports';
import { WAIT, filledTable, signIn, waitForWidgets } from './support/browser';
import { CUSTOMER } from './support/dataset';
import { axeFindings } from './support/storybook';
import { browser, server, setUpDashboardSession } from './support/session';

/** This file's load-log streams, and the day they committed on: nobody else loads in 2011. */
const STREAMS = 'e2e-dhealth/';
const FROM = '2011-03-01T00:00:00.000Z';
const TO = '2011-03-02T00:00:00.000Z';
const RANGE = `from=${FROM}&to=${TO}&tz=UTC`;
const WIDGETS = ['health-loads', 'health-sources', 'health-quality', 'health-versions'];
const at = (hhmm: string) => `2011-03-01T${hhmm}:00.000Z`;
const client = esClient();

function batch(
  loader: 'sink' | 'batcher',
  stream: string,
  committed: string,
  read: number,
  stored: number,
): LoadLogEntry {
  return {
    '@timestamp': committed,
    loader,
    stream: `${STREAMS}${stream}`,
    from: '1',
    to: String(read),
    event_from: committed,
    event_to: committed,
    ingested_from: committed,
    ingested_to: committed,
    read,
    stored,
    duplicates: read - stored,
    flagged: 0,
    rejected: 0,
    duration_ms: 20,
  };
}

function result(status: CheckResult['status'], runAt: string, measured: number): CheckResult {
  return {
    check: 'empty_dimension',
    severity: 'warning',
    policy: 'warn',
    kind: 'system',
    status,
    measured,
    threshold: 0.05,
    at: runAt,
    source: `customer:${CUSTOMER}`,
    subject: 'user.name',
    detail: `measured ${measured}`,
  };
}

async function clean(): Promise<void> {
  for (const [index, query] of [
    [LOAD_LOG_INDEX, { prefix: { stream: STREAMS } }],
    [QUALITY_INDEX, { range: { at: { gte: FROM, lt: TO } } }],
    [PAUSES_INDEX, { prefix: { source: STREAMS } }],
  ] as const) {
    if (!(await client.indices.exists({ index }))) continue;
    await client.indices.refresh({ index });
    const found = await client.search({
      index,
      size: 10_000,
      _source: false,
      query:
        index === QUALITY_INDEX
          ? { bool: { filter: [query, { term: { source: `customer:${CUSTOMER}` } }] } }
          : query,
    });
    if (found.hits.hits.length === 0) continue;
    await client.bulk({
      refresh: true,
      operations: found.hits.hits.map((h) => ({ delete: { _index: index, _id: h._id! } })),
    });
  }
}

setUpDashboardSession();

beforeAll(async () => {
  await clean();
  await ensureLoadLog(client);
  await recordLoads(client, [
    batch('batcher', 'shard-0', at('09:10'), 120, 118),
    batch('batcher', 'shard-0', at('09:50'), 30, 30),
    batch('sink', 'topic/0', at('10:20'), 400, 400),
  ]);
  await client.indices.refresh({ index: LOAD_LOG_INDEX });
  await recordResults(client, [result('pass', at('09:00'), 0.01)]);
  await recordResults(client, [result('warn', at('10:00'), 0.12)]);
  // A shard a failing check holds, as `sightline quality --watch` pauses it.
  await new PauseStore(client).pause(`${STREAMS}shard-0`, 'zero_rows', 'no rows for 2 hours', 'quality');
});

afterAll(async () => {
  await clean();
  await client.close();
});

describe('the Data health page', () => {
  it('is linked for admins only, and refused to customer tokens in words', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/?${RANGE}`);
    await signIn(page, server.token);
    await waitForWidgets(page, OVERVIEW_WIDGETS);
    expect(await page.getByRole('link', { name: 'Data health' }).count()).toBe(0);
    await page.goto(`${server.url}/data-health?${RANGE}`);
    await expect
      .poll(() => page.getByRole('alert').first().textContent(), WAIT)
      .toMatch(/data health is for admin tokens/);
    await page.close();
  });

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    it(`shows loads, sources, quality and versions at ${width} px, axe clean`, async () => {
      // The page's content security policy forbids inline scripts; axe is injected as one.
      const page = await browser.newPage({ viewport: { width, height }, bypassCSP: true, locale: 'en-US' });
      await page.goto(`${server.url}/?${RANGE}&customer=${CUSTOMER}`);
      await signIn(page, server.adminToken);
      const link = page.getByRole('link', { name: 'Data health' });
      await link.waitFor(WAIT);
      await link.click();
      await page.getByRole('heading', { level: 1, name: 'Data health' }).waitFor(WAIT);
      expect(new URL(page.url()).pathname).toBe('/data-health');
      await page.waitForFunction(
        (names) =>
          names.every((name) =>
            ['ready', 'empty'].includes(
              document.querySelector(`[data-widget="${name}"]`)?.getAttribute('data-state') ?? '',
            ),
          ),
        WIDGETS,
        { timeout: 30_000 },
      );

      // Loads: the chart's own table holds the rows read per hour and loader; the sources' totals below.
      const chart = await filledTable(page, 'health-loads');
      const rows = await chart
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')),
        );
      const headers = await chart.locator('thead th').allTextContents();
      const column = (label: string) => headers.indexOf(label);
      const readOf = (label: string) =>
        rows.reduce(
          (sum, cells) => sum + Number((cells[column(label)] ?? '0').replace(/[^\d]/g, '') || 0),
          0,
        );
      expect(readOf('MySQL batcher')).toBe(150);
      expect(readOf('Firehose sink')).toBe(400);
      const shardRow = page.locator(`[data-table="loads"] tr[data-stream="${STREAMS}shard-0"]`);
      expect(await shardRow.locator('th, td').allTextContents()).toEqual([
        `${STREAMS}shard-0`,
        'MySQL batcher',
        '150',
        '148',
        '2',
        '0',
        '0',
        '2',
      ]);

      // Sources: events from 2011 are stale by any measure.
      const source = page.locator(`[data-table="sources"] tr[data-stream="${STREAMS}topic/0"]`);
      expect(await source.getAttribute('data-freshness')).toBe('fail');
      expect(await source.locator('td').nth(1).textContent()).toBe('Stale');
      // A paused shard: marked in its row, and named with the command that resumes it.
      const held = page.locator(`[data-table="sources"] tr[data-stream="${STREAMS}shard-0"] th`);
      expect(await held.textContent()).toBe(`${STREAMS}shard-0 Paused`);
      const pause = page.locator(`.sl-health__paused li[data-source="${STREAMS}shard-0"]`);
      expect(await pause.textContent()).toMatch(
        new RegExp(
          `by the zero_rows check: no rows for 2 hours\\. Resume with sightline quality resume ${STREAMS}shard-0 --reason`,
        ),
      );

      // Quality: the customer's check, its latest result first, its history behind the disclosure.
      const check = page.locator(`[data-widget="health-quality"] li[data-source="customer:${CUSTOMER}"]`);
      expect(await check.getAttribute('data-status')).toBe('warn');
      await check.locator('summary').click();
      const history = check.locator('tbody tr');
      await history.first().waitFor(WAIT);
      expect(await history.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')))).toEqual([
        'warn',
        'pass',
      ]);

      expect(await axeFindings(page, 'body')).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.close();
    });
  }

  it('says why when the range is longer than the API reads', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(
      `${server.url}/data-health?from=2011-01-01T00:00:00Z&to=2011-03-01T00:00:00Z&tz=UTC&customer=${CUSTOMER}`,
    );
    await signIn(page, server.adminToken);
    await page.locator('[data-widget="health-loads"][data-state="error"]').waitFor(WAIT);
    expect(await page.locator('[data-widget="health-loads"]').textContent()).toContain('longer than 31 days');
    await page.close();
  });
});
