import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { AuthLogRecord } from '@sightline/schema';
import { launchChromium } from './browser';
import { CUSTOMER, ensureDataset } from './dataset';
import { buildDashboard, startDashboardServer, type DashboardServer } from './server';

/**
 * What a dashboard test file works with, set by `setUpDashboardSession()` before its tests run: the
 * built dashboard served for the e2e customer, a Chromium, and the data set's records. Read them as
 * imports (live bindings): each test file has its own copy of this module.
 */
export let server: DashboardServer;
export let browser: Browser;
export let records: AuthLogRecord[];

/** Registers the file's set-up (data set, build, server, Chromium) and tear-down. */
export function setUpDashboardSession(): void {
  beforeAll(async () => {
    const [dataset, dist] = await Promise.all([ensureDataset(), Promise.resolve(buildDashboard())]);
    records = dataset.records;
    server = await startDashboardServer(CUSTOMER, dist);
    browser = await launchChromium();
    mkdirSync('test-results', { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}
