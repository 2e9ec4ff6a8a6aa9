import { describe, expect, it } from 'vitest';
import { reportDefinitionSchema } from './definition';
import { toIssues } from './issues';
import {
  MAX_CONTAINS_SEARCHES,
  MAX_FILTER_LEAVES,
  MAX_FILTER_VALUES,
  MAX_SEARCH_LEAVES,
  MAX_SEARCH_LENGTH,
  MAX_SEARCH_RANGE_DAYS,
  MAX_SEARCH_TEXT,
} from './limits';

const week = { last: '7d' };
const log = { type: 'log' };
const search = (value: string) => ({ field: 'user.name', op: 'search', value });
const prefix = (value: string) => ({ field: 'user.name', op: 'search', value, match: 'prefix' });
const eq = (value: string) => ({ field: 'result', op: 'eq', value });

function issues(input: unknown) {
  const r = reportDefinitionSchema.safeParse(input);
  return r.success ? [] : toIssues(r.error);
}

/** `n` leaves in an and of ors, each at most 100 wide as the schema requires. */
function many(n: number, leaf: (i: number) => object) {
  const leaves = Array.from({ length: n }, (_, i) => leaf(i));
  const groups = [];
  for (let i = 0; i < leaves.length; i += 100) groups.push({ or: leaves.slice(i, i + 100) });
  return { and: groups };
}

describe('the cost budget of a definition', () => {
  it('allows exactly the limits', () => {
    expect(
      issues({
        timeRange: week,
        filters: many(MAX_SEARCH_LEAVES, (i) =>
          i < MAX_CONTAINS_SEARCHES ? search(`u${i}`) : prefix(`u${i}`),
        ),
        view: log,
      }),
    ).toEqual([]);
    expect(
      issues({ timeRange: week, filters: many(MAX_FILTER_LEAVES, () => eq('denied')), view: log }),
    ).toEqual([]);
  });

  it('names the limit on searches, and the lower one on contains-searches, the costly kind', () => {
    const prefixes = many(MAX_SEARCH_LEAVES + 1, (i) => prefix(`u${i}`));
    expect(issues({ timeRange: week, filters: prefixes, view: log })).toEqual([
      { path: 'filters', message: `filters hold 11 searches; at most ${MAX_SEARCH_LEAVES} are allowed` },
    ]);
    const contains = many(MAX_CONTAINS_SEARCHES + 1, (i) => search(`u${i}`));
    expect(issues({ timeRange: week, filters: contains, view: log })).toEqual([
      {
        path: 'filters',
        message: `filters hold 5 contains-searches; at most ${MAX_CONTAINS_SEARCHES} are allowed (prefix searches, match: 'prefix', are cheap and count only towards ${MAX_SEARCH_LEAVES} searches)`,
      },
    ]);
  });

  it("names a search or list without its values as that leaf's problem, never a crash (found by the fuzz)", () => {
    for (const leaf of [{ not: { field: 'txid', op: 'search' } }, { field: 'result', op: 'in' }]) {
      const found = issues({ timeRange: week, filters: leaf, view: log });
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((i) => i.path.startsWith('filters'))).toBe(true);
    }
  });

  it('names the limit on comparisons and on values in all', () => {
    expect(
      issues({ timeRange: week, filters: many(MAX_FILTER_LEAVES + 1, () => eq('denied')), view: log }),
    ).toEqual([
      { path: 'filters', message: `filters hold 201 comparisons; at most ${MAX_FILTER_LEAVES} are allowed` },
    ]);
    const wide = { field: 'user.name', op: 'in', values: Array.from({ length: 1000 }, (_, i) => `u${i}`) };
    const filters = { or: [wide, wide, wide] };
    expect(issues({ timeRange: week, filters, view: log })).toEqual([
      { path: 'filters', message: `filters hold 3000 values; at most ${MAX_FILTER_VALUES} are allowed` },
    ]);
  });

  it('names the limits on search text, one and all together', () => {
    const long = issues({ timeRange: week, filters: search('x'.repeat(MAX_SEARCH_LENGTH + 1)), view: log });
    expect(long).toEqual([
      {
        path: 'filters',
        message: `a search text is 201 characters long; at most ${MAX_SEARCH_LENGTH} are allowed`,
      },
    ]);
    const total = issues({ timeRange: week, filters: many(3, () => prefix('y'.repeat(180))), view: log });
    expect(total).toEqual([
      {
        path: 'filters',
        message: `search texts total 540 characters; at most ${MAX_SEARCH_TEXT} are allowed in all`,
      },
    ]);
  });

  it('bounds how far a search looks for absolute ranges as for relative ones', () => {
    const range = (to: string) => ({ from: '2025-01-01T00:00:00Z', to });
    const within = issues({ timeRange: range('2026-02-05T00:00:00Z'), filters: search('bob'), view: log });
    expect(within).toEqual([]);
    const past = issues({ timeRange: range('2026-02-06T00:00:00Z'), filters: search('bob'), view: log });
    expect(past).toEqual([
      {
        path: 'timeRange',
        message: `a definition that searches spans at most ${MAX_SEARCH_RANGE_DAYS} days; this range spans 401`,
      },
    ]);
    // Without a search the same range is cheap and allowed.
    expect(issues({ timeRange: range('2026-02-06T00:00:00Z'), filters: eq('denied'), view: log })).toEqual(
      [],
    );
  });

  it('refuses the reported 62 KB definition of 1,300 searches over 400 days', () => {
    const filters = many(1300, (i) => search(`user${i}`));
    const body = { timeRange: { last: '400d' }, filters, view: { type: 'breakdown', groupBy: 'result' } };
    expect(issues(body).map((i) => i.message)).toContain(
      `filters hold 1300 searches; at most ${MAX_SEARCH_LEAVES} are allowed`,
    );
  });
});
