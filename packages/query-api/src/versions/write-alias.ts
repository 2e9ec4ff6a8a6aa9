import type { Client } from '@elastic/elasticsearch';
import { isAlreadyExists } from '../store/own-index';
import { READ_ALIAS } from '../store/mapping';
import { originalVersion, periodOf, versionsPattern, writeAliasOf } from './names';

/** The versions of a period behind the read alias (one, unless something went wrong by hand). */
export async function versionsInUse(es: Client, period: string): Promise<string[]> {
  const behind = await es.indices
    .getAlias({
      name: READ_ALIAS,
      index: versionsPattern(period),
      allow_no_indices: true,
      ignore_unavailable: true,
    })
    .catch((error: unknown) => {
      if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 404) return {};
      throw error;
    });
  return Object.keys(behind).sort();
}

/**
 * Makes sure a period can be written through its write alias: when the alias is missing (a month
 * never written, or written before write aliases existed), it is put on the version in use, or on
 * the original monthly index, created from the template if need be. Idempotent; many writers may
 * race here and all reach the same state.
 */
export async function ensureWritable(es: Client, period: string): Promise<void> {
  const alias = writeAliasOf(period);
  if (await es.indices.existsAlias({ name: alias })) return;
  let target = (await versionsInUse(es, period))[0];
  if (target === undefined) {
    target = originalVersion(period);
    await es.indices.create({ index: target }).catch((error: unknown) => {
      if (!isAlreadyExists(error)) throw error;
    });
  }
  await es.indices.updateAliases({ actions: [{ add: { index: target, alias, is_write_index: true } }] });
}

/**
 * What live writers call before writing a month: checks each month once a while, not per batch (a
 * switch moves the alias, it never removes it; only deleting the month's index does).
 */
export class WritablePeriods {
  /** When each month was last seen writable. */
  private readonly ready = new Map<string, number>();

  /**
   * `recheckMs`: a month is checked again after this long, so one deleted under a long-running
   * writer (retention) is made writable again instead of refusing its late records for good.
   */
  constructor(
    private readonly es: Client,
    private readonly recheckMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async ensure(timestamps: Iterable<string>): Promise<void> {
    const periods = new Set<string>();
    const now = this.now();
    for (const ts of timestamps) {
      const period = periodOf(ts);
      const seen = this.ready.get(period);
      if (seen === undefined || now - seen >= this.recheckMs) periods.add(period);
    }
    for (const period of periods) {
      await ensureWritable(this.es, period);
      this.ready.set(period, now);
    }
  }
}
