import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinReports, type ReportDefinition, type ReportResult } from '@sightline/schema/reports';
import { cleanMonth } from './ingest.support';
import { customerApi } from './records.support';
import { ingestGenerated } from './reports.support';
import type { AuthLogRecord } from '@sightline/schema';

/** This file's month (its own index) and customers: see cleanTestMonth. */
const MONTH = '2014-05';
const PREFIX = 'itrule-';
const CUSTOMER = `${PREFIX}acme`;
const timeRange = { from: '2014-05-01T00:00:00Z', to: '2014-06-01T00:00:00Z', timeZone: 'UTC' };
const api = customerApi(CUSTOMER);
let records: AuthLogRecord[] = [];

/** A built-in report over this file's month. */
function builtin(id: string): ReportDefinition {
  const report = builtinReports().find((r) => r.id === id);
  if (!report) throw new Error(`no built-in report ${id}`);
  return { ...report.definition, timeRange };
}

/** Every record a result counts once: a breakdown's total, a series' or a map's sum. */
function counted(result: ReportResult): number {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  switch (result.view) {
    case 'breakdown':
      return result.total;
    case 'timeseries':
      return sum(result.rows.flatMap((r) => Object.values(r.values)));
    case 'geo':
      return sum(result.rows.map((r) => r.value));
    default:
      throw new Error(`${result.view} has no count`);
  }
}

beforeAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  records = (
    await ingestGenerated({
      seed: 'one-rule',
      count: 3000,
      days: 25,
      end: new Date('2014-05-28T00:00:00Z'),
      customers: 'default',
      customerPrefix: PREFIX,
    })
  ).filter((r) => r.customer_id === CUSTOMER);
});
afterAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  await api.close();
});

describe('one meaning of "attempts" in every built-in report', () => {
  it('the summary, attempts over time, factors, the map and top applications count the same authentications', async () => {
    const authentications = records.filter((r) => r.event_type === 'authentication').length;
    expect(records.length - authentications).toBeGreaterThan(0);
    for (const id of [
      'auth-summary',
      'attempts-over-time',
      'factors',
      'attempts-by-country',
      'top-applications',
    ])
      expect([id, counted(await api.run(builtin(id)))]).toEqual([id, authentications]);
  });

  it('failures by reason and top users with failures count failed authentications only', async () => {
    const failed = records.filter(
      (r) => r.event_type === 'authentication' && ['denied', 'failure', 'error', 'fraud'].includes(r.result),
    ).length;
    expect(counted(await api.run(builtin('failures-by-reason')))).toBe(failed);
    expect(counted(await api.run(builtin('top-users-with-failures')))).toBe(failed);
  });

  it('enrollments have a report of their own', async () => {
    const enrollments = records.filter((r) => r.event_type === 'enrollment').length;
    expect(counted(await api.run(builtin('enrollments-over-time')))).toBe(enrollments);
  });
});
