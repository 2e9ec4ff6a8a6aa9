import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityReports } from '../../apps/dashboard/src/entity/entityReports';
import { entityFilters, entityState } from '../../apps/dashboard/src/state/entity';
import { reportScope } from '../../apps/dashboard/src/state/reportScope';
import { defaultState } from '../../apps/dashboard/src/state/urlState';
import type { HeadlineResult } from '@sightline/schema/reports';
import type { SavedViewList } from '@sightline/schema/api';
import { FAILED_RESULTS } from '@sightline/schema';
import { WAIT, signIn, waitForWidgets } from './support/browser';
import { END, START } from './support/dataset';
import { axeFindings } from './support/storybook';
import { browser, records, server, setUpDashboardSession } from './support/session';

const RANGE = `from=${START.toISOString()}&to=${END.toISOString()}&tz=UTC`;
const ENTITY_WIDGETS = [
  'headline',
  'attempts',
  'reasons',
  'countries',
  'counterpart',
  'applications',
  'browsers',
  'systems',
  'entityLog',
] as const;
const VIEW_NAME = 'E2E one user, whole range';

setUpDashboardSession();

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
  });
  expect(response.ok, `${init.method ?? 'GET'} ${path}: ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

/** This file's customer keeps no views but the ones its test saves. */
async function deleteAllViews(): Promise<void> {
  const { views } = await api<SavedViewList>('/api/views');
  for (const view of views) await api(`/api/views/${view.id}`, { method: 'DELETE' });
}

beforeAll(deleteAllViews);
afterAll(deleteAllViews);

async function openLog(width: number): Promise<Page> {
  // The page's content security policy forbids inline scripts; axe is injected as one.
  const page = await browser.newPage({ viewport: { width, height: 800 }, bypassCSP: true, locale: 'en-US' });
  await page.goto(`${server.url}/log?${RANGE}`);
  await signIn(page, server.token);
  await page.locator('[data-widget="log"][data-state="ready"]').waitFor(WAIT);
  return page;
}

const count = (n: number) => n.toLocaleString('en-US');
const percent = (share: number) =>
  share.toLocaleString('en-US', { style: 'percent', maximumFractionDigits: 1 });

/** The headline figure as shown on the user's page. */
const shown = (page: Page, key: string) =>
  page.locator(`[data-widget="headline"] [data-figure="${key}"] dd`).first().textContent();

describe('the page of one user, and saved views', () => {
  it('opens a user’s page from the log, with figures that match the API and the records', async () => {
    const page = await openLog(1280);
    const link = page.locator('[data-widget="log"] a[aria-label$="open the user’s page"]').first();
    const user = (await link.textContent())!;
    expect(user).not.toBe('');
    await link.click();
    await expect.poll(() => new URL(page.url()).pathname, WAIT).toBe('/user');
    expect(new URL(page.url()).searchParams.get('name')).toBe(user);
    await expect.poll(() => page.locator('h1').textContent(), WAIT).toBe(`User ${user}`);
    await waitForWidgets(page, ENTITY_WIDGETS);

    // What the API says for this user over the range, through the page's own report definition.
    const state = entityState(
      { ...defaultState('UTC'), time: { from: START.toISOString(), to: END.toISOString() } },
      'user',
      user,
    );
    const definition = entityReports(
      'user',
      reportScope({ ...state, filters: entityFilters(state) }),
    ).headline;
    const fromApi = await api<HeadlineResult>('/api/reports/run', {
      method: 'POST',
      body: JSON.stringify(definition),
    });
    // And what the records say.
    const mine = records.filter((r) => {
      const t = Date.parse(r.ts);
      return (
        r.user?.name === user &&
        r.event_type === 'authentication' &&
        t >= START.getTime() &&
        t < END.getTime()
      );
    });
    const failed = mine.filter((r) => (FAILED_RESULTS as readonly string[]).includes(r.result)).length;
    expect(fromApi.current.attempts).toBe(mine.length);
    expect(fromApi.current.distinctUsers).toBe(1);
    expect(await shown(page, 'attempts')).toBe(count(fromApi.current.attempts));
    expect(await shown(page, 'failureRate')).toBe(percent(failed / mine.length));
    expect(await shown(page, 'distinctUsers')).toBe('1');
    expect(await shown(page, 'countries')).toBe(count(fromApi.current.countries));

    // The user's events, and no one else's.
    const users = await page
      .locator('[data-widget="entityLog"] a[aria-label$="open the user’s page"]')
      .allTextContents();
    expect(users.length).toBeGreaterThan(0);
    expect(new Set(users)).toEqual(new Set([user]));

    expect(await axeFindings(page, 'body')).toEqual([]);

    // A count drills down to the log, the user kept as a pill.
    await page.locator('[data-widget="browsers"] a.sl-ranked__count').first().click();
    await expect.poll(() => new URL(page.url()).pathname, WAIT).toBe('/log');
    const params = new URL(page.url()).searchParams;
    expect(params.get('f.user.name')).toBe(user);
    expect(params.get('f.access_device.browser')).not.toBeNull();
    await page.locator('[data-widget="log"][data-state="ready"]').waitFor(WAIT);
    const logUsers = await page
      .locator('[data-widget="log"] a[aria-label$="open the user’s page"]')
      .allTextContents();
    expect(new Set(logUsers)).toEqual(new Set([user]));
    await page.close();
  });

  it('opens an address’s page at 390 px without sideways scrolling', async () => {
    const page = await openLog(390);
    const link = page.locator('[data-widget="log"] a[aria-label$="open the address’s page"]').first();
    const address = (await link.textContent())!;
    await link.click();
    await expect.poll(() => page.locator('h1').textContent(), WAIT).toBe(`IP address ${address}`);
    await waitForWidgets(page, ENTITY_WIDGETS);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeFindings(page, 'body')).toEqual([]);
    await page.close();
  });

  it('saves the view, keeps it over a reload, opens it from the list and deletes it', async () => {
    const page = await openLog(1280);
    const link = page.locator('[data-widget="log"] a[aria-label$="open the user’s page"]').first();
    const user = (await link.textContent())!;
    await link.click();
    await waitForWidgets(page, ENTITY_WIDGETS);
    const userUrl = new URL(page.url());

    const toggle = page.getByRole('button', { name: 'Saved views' });
    await toggle.click();
    const panel = page.getByRole('region', { name: 'Saved views' });
    await expect.poll(() => panel.getByText('No saved views yet.').count(), WAIT).toBe(1);
    await panel.getByLabel('Name this view').fill(VIEW_NAME);
    await panel.getByRole('button', { name: 'Save view' }).click();
    await expect
      .poll(() => panel.getByRole('status').first().textContent(), WAIT)
      .toBe(`Saved “${VIEW_NAME}”.`);
    // Saving the name again is refused, in words.
    await panel.getByLabel('Name this view').fill(VIEW_NAME.toUpperCase());
    await panel.getByRole('button', { name: 'Save view' }).click();
    await expect
      .poll(() => panel.getByRole('alert').textContent(), WAIT)
      .toBe(
        `Not saved: A view named "${VIEW_NAME.toUpperCase()}" exists already; choose another name or delete that one first.`,
      );
    expect(await axeFindings(page, 'body')).toEqual([]);

    // Stored server-side: a reload, then another page, and the view opens from the list.
    await page.reload();
    await waitForWidgets(page, ENTITY_WIDGETS);
    await page.goto(`${server.url}/?last=24h&tz=UTC`);
    await page.getByRole('button', { name: 'Saved views' }).click();
    const view = page.getByRole('region', { name: 'Saved views' }).getByRole('link', { name: VIEW_NAME });
    await view.waitFor(WAIT);
    // The link is the view's own address: what "Copy link" shares.
    expect(await view.getAttribute('href')).toBe(`${userUrl.pathname}${userUrl.search}`);
    await view.click();
    await expect.poll(() => page.locator('h1').textContent(), WAIT).toBe(`User ${user}`);
    expect(new URL(page.url()).search).toBe(userUrl.search);
    await waitForWidgets(page, ENTITY_WIDGETS);

    await page.getByRole('button', { name: 'Saved views' }).click();
    const again = page.getByRole('region', { name: 'Saved views' });
    await again.getByRole('button', { name: `Delete ${VIEW_NAME}` }).click();
    await expect.poll(() => again.getByText('No saved views yet.').count(), WAIT).toBe(1);
    expect((await api<SavedViewList>('/api/views')).views).toEqual([]);
    // Escape closes the panel and gives focus back to its button.
    await page.keyboard.press('Escape');
    expect(await page.getByRole('region', { name: 'Saved views' }).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Saved views');
    await page.close();
  });
});
