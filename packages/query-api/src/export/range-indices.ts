import type { Client } from '@elastic/elasticsearch';

/** A monthly index's name ends with its month of event time: `…-YYYY.MM` (see indexForTimestamp). */
const MONTH_SUFFIX = /-(\d{4})\.(\d{2})$/;

/**
 * The indices among `names` that can hold records in [from, to): those whose month overlaps it.
 * A name without a month suffix is kept, since nothing says what it holds.
 */
export function indicesOverlapping(names: readonly string[], range: { from: number; to: number }): string[] {
  return names
    .filter((name) => {
      const month = MONTH_SUFFIX.exec(name);
      if (!month) return true;
      const year = Number(month[1]);
      const index = Number(month[2]) - 1;
      return Date.UTC(year, index, 1) < range.to && Date.UTC(year, index + 1, 1) > range.from;
    })
    .sort();
}

/**
 * The indices behind `alias` that an export over [from, to) reads. A point in time pins every index
 * it is opened on, and fails when one of them is deleted: opened on the whole alias, an export dies
 * when retention drops an unrelated month. Opened on these, only the months it reads matter.
 * Falls back to the alias itself when it resolves to no index (nothing to pin either way).
 */
export async function exportIndices(
  es: Client,
  alias: string,
  range: { from: number; to: number },
  signal?: AbortSignal,
): Promise<string> {
  const behind = await es.indices
    .getAlias({ name: alias, allow_no_indices: true, ignore_unavailable: true }, signal ? { signal } : {})
    .catch((error: unknown) => {
      if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 404) return {};
      throw error;
    });
  const indices = indicesOverlapping(Object.keys(behind), range);
  return indices.length > 0 ? indices.join(',') : alias;
}
