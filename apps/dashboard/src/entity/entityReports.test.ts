import { AUTHENTICATIONS, reportDefinitionSchema } from '@sightline/schema/reports';
import { describe, expect, it } from 'vitest';
import { overviewReports } from '../overview/overviewReports';
import { entityFilters, entityState } from '../state/entity';
import { reportScope } from '../state/reportScope';
import { defaultState } from '../state/urlState';
import { entityReports, ENTITY_LOG_ROWS } from './entityReports';

const page = entityState({ ...defaultState('UTC'), time: { last: '7d' } }, 'user', 'alice');
const scope = reportScope({ ...page, filters: entityFilters(page) });
const subject = { field: 'user.name', op: 'eq', value: 'alice' };

describe('the reports of a user’s page', () => {
  const reports = entityReports('user', scope);

  it('are valid definitions the API accepts', () => {
    for (const [name, definition] of Object.entries(reports))
      expect(reportDefinitionSchema.safeParse(definition).success, name).toBe(true);
  });

  it('count as the overview does where they show the same thing', () => {
    const overview = overviewReports(scope);
    expect(reports.headline).toEqual(overview.headline);
    expect(reports.attempts).toEqual(overview.attempts);
    expect(reports.countries).toEqual(overview.countries);
    expect(JSON.stringify(reports.headline.filters)).toContain(JSON.stringify(subject));
  });

  it('break the user’s authentications down by address, browser and system', () => {
    expect(reports.counterpart).toEqual({
      timeRange: { last: '7d', timeZone: 'UTC' },
      filters: { and: [AUTHENTICATIONS, subject] },
      view: { type: 'breakdown', groupBy: 'access_device.ip', top: 8 },
    });
    expect(reports.browsers.view).toMatchObject({ groupBy: 'access_device.browser' });
    expect(reports.systems.view).toMatchObject({ groupBy: 'access_device.os' });
    expect(entityReports('ip', scope).counterpart.view).toMatchObject({ groupBy: 'user.name' });
  });

  it('list every event of the user, newest first', () => {
    expect(reports.log.filters).toEqual(subject);
    expect(reports.log.view).toMatchObject({
      type: 'log',
      sort: [{ field: 'ts', order: 'desc' }],
      pageSize: ENTITY_LOG_ROWS,
    });
  });
});
