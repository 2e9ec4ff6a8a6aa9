import { describe, expect, it } from 'vitest';
import { judgeConflicts } from './conflicts';
import { QUALITY_THRESHOLDS as T } from './thresholds';

const AT = '2026-03-10T09:00:00.000Z';

describe('conflicting copies', () => {
  it('passes a stream whose repeats all had the content stored', () => {
    expect(judgeConflicts({ stream: 'authlog/1', conflicts: 0, txids: [] }, T, AT)).toMatchObject({
      check: 'duplicates',
      status: 'pass',
      source: 'authlog/1',
      detail: 'no txid arrived again with other content',
    });
  });

  it('fails on a single txid re-sent with other content, as critical with the pause policy, naming it', () => {
    const result = judgeConflicts({ stream: 'authlog/1', conflicts: 1, txids: ['tx-9'] }, T, AT);
    expect(result).toMatchObject({
      status: 'fail',
      severity: 'critical',
      policy: 'pause',
      measured: 1,
      threshold: 0,
      subject: 'txids re-sent with different content',
    });
    expect(result.detail).toContain('tx-9');
  });
});
