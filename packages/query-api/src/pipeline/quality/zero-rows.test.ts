import { describe, expect, it } from 'vitest';
import { QUALITY_THRESHOLDS as T } from './thresholds';
import { judgeZeroRows } from './zero-rows';

const AT = '2026-03-10T09:00:00.000Z';
const judge = (lastHour: number, sameHourBefore: number[]) =>
  judgeZeroRows({ stream: 'mysql/shard_0', lastHour, sameHourBefore }, T, AT);

describe('zero rows', () => {
  it('fails a source that delivered at this hour on most previous days and delivered nothing now', () => {
    expect(judge(0, [120, 98, 0, 130, 110, 101, 95])).toMatchObject({
      check: 'zero_rows',
      status: 'fail',
      severity: 'critical',
      policy: 'pause',
      kind: 'system',
      source: 'mysql/shard_0',
      measured: 0,
      threshold: 1,
    });
  });

  it('passes the same source when a single row arrived', () => {
    expect(judge(1, [120, 98, 0, 130, 110, 101, 95]).status).toBe('pass');
  });

  it('passes a source that is quiet at this hour, delivering on fewer days than the minimum', () => {
    const quiet = Array.from({ length: 7 }, (_, d) => (d < T.zeroRows.minDaysDelivered - 1 ? 5 : 0));
    expect(judge(0, quiet)).toMatchObject({ status: 'pass', threshold: 0 });
  });

  it('fails as soon as the source delivered on exactly the minimum number of days', () => {
    const enough = Array.from({ length: 7 }, (_, d) => (d < T.zeroRows.minDaysDelivered ? 5 : 0));
    expect(judge(0, enough).status).toBe('fail');
  });
});
