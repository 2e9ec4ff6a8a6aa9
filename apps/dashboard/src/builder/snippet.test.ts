import { describe, expect, it } from 'vitest';
import type { ReportDefinition } from '@sightline/schema/reports';
import { definitionJson, reportSnippet } from './snippet';

const definition: ReportDefinition = {
  timeRange: { last: '24h', timeZone: 'Europe/Berlin' },
  filters: {
    and: [
      { field: 'result', op: 'in', values: ['denied', 'fraud'] },
      { field: 'user.name', op: 'search', value: "o'brien" },
    ],
  },
  view: {
    type: 'breakdown',
    groupBy: 'access_device.location.country',
    metric: 'count',
    top: 8,
    other: true,
  },
};

describe('copyable definitions', () => {
  it('gives JSON that parses back to the same definition', () => {
    expect(JSON.parse(definitionJson(definition))).toEqual(definition);
  });

  it('gives a <Report> snippet whose object literal is the same definition', () => {
    const snippet = reportSnippet(definition, 'Attempts by country');
    expect(snippet).toContain("import { Report } from '@sightline/charts/connected';");
    expect(snippet).toContain('title="Attempts by country"');
    const literal = /definition=\{([\s\S]*)\}\n\/>/.exec(snippet)![1]!;
    // The literal is plain JavaScript: evaluate it and compare.
    expect(new Function(`return (${literal});`)()).toEqual(definition);
    expect(snippet).toContain("'access_device.location.country'");
    expect(snippet).toContain("value: 'o\\'brien'");
  });
});
