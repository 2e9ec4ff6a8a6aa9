import type { estypes } from '@elastic/elasticsearch';
import { z } from 'zod';
import { DEFAULT_FINDING_SORT, FINDING_SORTS, SEVERITIES, type FindingSort } from '@sightline/schema/api';

/**
 * How each order is asked of Elasticsearch. The finding id ends every order, so findings that tie
 * on the rest still come in one fixed order and a cursor (search_after) neither skips nor repeats.
 */
export function esSortOf(sort: FindingSort): estypes.SortCombinations[] {
  switch (sort) {
    case 'last_seen':
      return [{ lastSeen: 'desc' }, { id: 'desc' }];
    case 'first_seen':
      return [{ firstSeen: 'desc' }, { id: 'desc' }];
    case 'severity':
      return [{ _score: { order: 'desc' } }, { lastSeen: 'desc' }, { id: 'desc' }];
  }
}

/**
 * Severity is a keyword, whose alphabetical order is not its rank, and this Elasticsearch has no
 * scripting: each severity's rank is given as the relevance score instead (low 1 … critical 4), an
 * exact small integer, so sorting on `_score` is sorting by severity, on the findings already stored.
 */
export function severityRanking(): estypes.QueryDslQueryContainer[] {
  return SEVERITIES.map((severity, i) => ({
    constant_score: { filter: { term: { severity } }, boost: i + 1 },
  }));
}

/** The values after which the next page starts: one per sort clause. */
const afterShape: Record<FindingSort, z.ZodType<(number | string)[]>> = {
  last_seen: z.tuple([z.union([z.number(), z.string()]), z.string()]),
  first_seen: z.tuple([z.union([z.number(), z.string()]), z.string()]),
  severity: z.tuple([z.number(), z.union([z.number(), z.string()]), z.string()]),
};

export interface FindingCursor {
  /** The order the cursor was made in: a page of another order cannot continue from it. */
  sort: FindingSort;
  after: (number | string)[];
}

/** A page's cursor: its order and the last finding's sort values. */
export function encodeFindingCursor(sort: FindingSort, after: estypes.SortResults): string {
  return Buffer.from(JSON.stringify([sort, ...after])).toString('base64url');
}

/**
 * Reads a cursor back; null when it is not one. Cursors made before there was a choice of order hold
 * the sort values alone (a number first, never a sort name): they are the default order's.
 */
export function decodeFindingCursor(raw: string): FindingCursor | null {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(values)) return null;
  const [head, ...rest] = values as unknown[];
  const named = FINDING_SORTS.find((s) => s === head);
  const sort = named ?? DEFAULT_FINDING_SORT;
  const after = afterShape[sort].safeParse(named ? rest : values);
  return after.success ? { sort, after: after.data } : null;
}
