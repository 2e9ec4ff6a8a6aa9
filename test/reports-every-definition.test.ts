import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS, type ReportDefinition, reportDefinitionSchema } from '@sightline/schema/reports';
import { groupableFields, sortableFields } from '@sightline/schema';
import { cleanMonth } from './ingest.support';
import { customerApi } from './records.support';
import { ingestGenerated } from './reports.support';
import { openApiChecker } from './support/openapi';

/** This file's month (its own index) and customers: see cleanTestMonth. */
const MONTH = '2014-04';
const PREFIX = 'itevery-';
const CUSTOMER = `${PREFIX}acme`;
const timeRange = { from: '2014-04-01T00:00:00Z', to: '2014-05-01T00:00:00Z', timeZone: 'Asia/Kolkata' };
const api = customerApi(CUSTOMER);

/** Every view type with every metric and every field it can group by, as a user could ask. */
function definitions(): ReportDefinition[] {
  const defs: ReportDefinition[] = [];
  for (const metric of METRICS) {
    for (const groupBy of groupableFields) {
      defs.push({ timeRange, view: { type: 'breakdown', groupBy, metric, top: 5 } });
      defs.push({ timeRange, view: { type: 'timeseries', stackBy: groupBy, metric, top: 3 } });
    }
    defs.push({ timeRange, view: { type: 'timeseries', metric } });
    defs.push({ timeRange, view: { type: 'geo', mode: 'country', metric } });
    defs.push({ timeRange, view: { type: 'geo', mode: 'grid', metric } });
  }
  defs.push({ timeRange, view: { type: 'significant' } });
  defs.push({ timeRange, view: { type: 'headline' } });
  for (const field of sortableFields)
    for (const order of ['asc', 'desc'] as const)
      defs.push({ timeRange, view: { type: 'log', pageSize: 5, sort: [{ field, order }] } });
  return defs;
}

beforeAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  await ingestGenerated({
    seed: 'every-definition',
    count: 600,
    days: 25,
    end: new Date('2014-04-28T00:00:00Z'),
    customers: 'default',
    customerPrefix: PREFIX,
  });
});
afterAll(async () => {
  await cleanMonth(PREFIX, MONTH);
  await api.close();
});

describe('every definition that validates runs', () => {
  it('each view type × metric × groupable field (and each log sort) is answered as the OpenAPI document says, none refused by Elasticsearch', async () => {
    const valid = definitions().filter((def) => reportDefinitionSchema.safeParse(def).success);
    expect(valid.length).toBeGreaterThan(300);
    const check = openApiChecker();
    const failures: string[] = [];
    const views = new Set<string>();
    // A few at a time, as a dashboard asks.
    for (let i = 0; i < valid.length; i += 4)
      await Promise.all(
        valid.slice(i, i + 4).map(async (def) => {
          const res = await api.post(def);
          if (res.status !== 200)
            return failures.push(`${JSON.stringify(def.view)} → ${res.status} ${await res.text()}`);
          const body = (await res.json()) as { view: string; rows?: unknown[] };
          views.add(`${body.view}${body.rows?.length === 0 ? ' (empty)' : ''}`);
          for (const problem of check('/api/reports/run', 'post', 200, body))
            failures.push(`${JSON.stringify(def.view)} → ${problem}`);
        }),
      );
    expect(failures).toEqual([]);
    // Every kind of answer was checked, with rows where the data has any (nothing in it stands out).
    expect([...views].sort()).toEqual([
      'breakdown',
      'geo',
      'headline',
      'log',
      'significant (empty)',
      'timeseries',
    ]);
  }, 600_000);
});
