import { describe, expect, it } from 'vitest';
import {
  MAX_CONTAINS_SEARCHES,
  MAX_SEARCH_LENGTH,
  MAX_SEARCH_RANGE_DAYS,
  reportDefinitionSchema,
  SEARCHABLE_FIELDS,
  toIssues,
} from '@sightline/schema/reports';
import { compileFilter } from './compile';
import { SEARCH_SUBFIELD } from '../../store/mapping';

const log = { type: 'log' };

function issues(filters: unknown, timeRange: object = { last: '7d' }) {
  const r = reportDefinitionSchema.safeParse({ timeRange, filters, view: log });
  return r.success ? [] : toIssues(r.error).map((i) => `${i.path}: ${i.message}`);
}

describe('free-text search over the searchable fields', () => {
  it('looks in every searchable field of the schema when none are named', () => {
    expect(SEARCHABLE_FIELDS).toEqual(['user.name', 'email', 'application.name', 'access_device.hostname']);
    expect(compileFilter({ text: '  Ops*Team ' })).toEqual({
      bool: {
        should: SEARCHABLE_FIELDS.map((f) => ({
          wildcard: { [`${f}.${SEARCH_SUBFIELD}`]: { value: '*ops\\*team*' } },
        })),
        minimum_should_match: 1,
      },
    });
  });

  it('looks only in the fields it names', () => {
    expect(compileFilter({ text: 'vpn', fields: ['application.name', 'access_device.hostname'] })).toEqual({
      bool: {
        should: [
          { wildcard: { 'application.name.lower': { value: '*vpn*' } } },
          { wildcard: { 'access_device.hostname.lower': { value: '*vpn*' } } },
        ],
        minimum_should_match: 1,
      },
    });
  });

  it('combines with other filters like any node', () => {
    expect(issues({ and: [{ text: 'alice' }, { field: 'result', op: 'eq', value: 'denied' }] })).toEqual([]);
    expect(issues({ not: { text: 'test' } })).toEqual([]);
  });

  it('is refused without text, with a field that is not searchable, or naming a field twice', () => {
    expect(issues({ text: '   ' })).toEqual(['filters.text: a text search needs some text']);
    expect(issues({ text: 'x', fields: ['result'] })[0]).toMatch(
      /a text search looks in user.name, email, application.name, access_device.hostname/,
    );
    expect(issues({ text: 'x', fields: ['email', 'email'] })).toEqual([
      'filters.fields: a text search names each field once',
    ]);
    expect(issues({ text: 'x', fields: [] })).not.toEqual([]);
    expect(issues({ text: 'x', extra: 1 })).not.toEqual([]);
  });

  it('costs one contains-search per field it looks in, within the same budget as field searches', () => {
    expect(issues({ text: 'x' })).toEqual([]);
    const userSearch = { field: 'user.name', op: 'search', value: 'bob' };
    expect(issues({ and: [{ text: 'x' }, userSearch] })).toEqual([
      `filters: filters hold ${MAX_CONTAINS_SEARCHES + 1} contains-searches; at most ${MAX_CONTAINS_SEARCHES} are allowed (prefix searches, match: 'prefix', are cheap and count only towards 10 searches)`,
    ]);
    expect(issues({ and: [{ text: 'x', fields: ['email'] }, userSearch] })).toEqual([]);
  });

  it('is bounded in length and range like any search', () => {
    expect(issues({ text: 'a'.repeat(MAX_SEARCH_LENGTH + 1) })).toEqual([
      `filters: a search text is ${MAX_SEARCH_LENGTH + 1} characters long; at most ${MAX_SEARCH_LENGTH} are allowed`,
    ]);
    expect(issues({ text: 'x' }, { from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })[0]).toMatch(
      `a definition that searches spans at most ${MAX_SEARCH_RANGE_DAYS} days`,
    );
  });
});
