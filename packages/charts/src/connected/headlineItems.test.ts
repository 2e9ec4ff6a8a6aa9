import { describe, expect, it } from 'vitest';
import { headlineItems } from './headlineItems';
import type { ResultFor } from './types';

const figures = (attempts: number, failed: number, distinctUsers: number, countries: number) => ({
  attempts,
  failed,
  failureRate: attempts > 0 ? failed / attempts : 0,
  distinctUsers,
  countries,
});

const result = (
  current: ReturnType<typeof figures>,
  previous?: ReturnType<typeof figures>,
): ResultFor<'headline'> =>
  ({
    view: 'headline',
    current,
    ...(previous
      ? { previous: { from: '2026-11-01T00:00:00.000Z', to: '2026-11-08T00:00:00.000Z', figures: previous } }
      : {}),
    meta: {},
  }) as unknown as ResultFor<'headline'>;

const previousOf = (items: ReturnType<typeof headlineItems>) =>
  Object.fromEntries(items.map((i) => [i.key, i.previous]));

describe('headline figures from a headline report', () => {
  it('are attempts, failure rate, distinct users and countries, each with its previous value', () => {
    const items = headlineItems(result(figures(200, 50, 40, 6), figures(100, 10, 45, 6)));
    expect(items.map((i) => i.key)).toEqual(['attempts', 'failureRate', 'distinctUsers', 'countries']);
    expect(previousOf(items)).toEqual({ attempts: 100, failureRate: 0.1, distinctUsers: 45, countries: 6 });
    expect(items[1]).toMatchObject({ format: 'percent', better: 'down', value: 0.25 });
  });

  it('compare no failure rate with a period that had no attempts, since it had no rate', () => {
    const items = headlineItems(result(figures(39_297, 8_771, 2_400, 25), figures(0, 0, 0, 0)));
    expect(previousOf(items)).toEqual({
      attempts: 0,
      failureRate: undefined,
      distinctUsers: 0,
      countries: 0,
    });
  });

  it('compare no failure rate when this period has no attempts either way round', () => {
    const items = headlineItems(result(figures(0, 0, 0, 0), figures(10, 5, 3, 1)));
    expect(items[1]!.previous).toBeUndefined();
    expect(items[0]!.previous).toBe(10);
  });

  it('carry no previous values when the report does not compare', () => {
    expect(headlineItems(result(figures(5, 1, 2, 1))).every((i) => i.previous === undefined)).toBe(true);
  });
});
