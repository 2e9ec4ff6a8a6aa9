import { conflicts } from './conflicts';
import type { QualityContext } from './context';
import { freshness } from './freshness';
import { judgeRecords } from './record-checks';
import { tallyRecords } from './record-tally';
import { recordResults } from './store';
import { worstFirst } from './store';
import type { CheckResult } from './types';
import { zeroRows } from './zero-rows';

/** Runs every check now, stores the results (history) and returns them, worst first. */
export async function runQualityChecks(ctx: QualityContext): Promise<CheckResult[]> {
  const at = ctx.now.toISOString();
  const [fromLoads, stale, tallies, conflicting] = await Promise.all([
    zeroRows(ctx),
    freshness(ctx),
    tallyRecords(ctx),
    conflicts(ctx),
  ]);
  const results = [
    ...fromLoads,
    ...stale,
    ...conflicting,
    ...tallies.flatMap((t) => judgeRecords(t, ctx.thresholds, at)),
  ].sort(worstFirst);
  await recordResults(ctx.client, results);
  return results;
}

/** A run fails when any critical check was breached. */
export const failed = (results: readonly CheckResult[]): boolean => results.some((r) => r.status === 'fail');
