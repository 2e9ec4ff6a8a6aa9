import { describe, expect, it } from 'vitest';
import { summaryVersionOf } from './retire';

describe('summaryVersionOf', () => {
  it('reads the version of a summary index and of a summariser state', () => {
    expect(summaryVersionOf('sightline-summary-users-v1')).toBe(1);
    expect(summaryVersionOf('sightline-summary-risky_ips-v12')).toBe(12);
    expect(summaryVersionOf('summariser-v2-ead8464a279e')).toBe(2);
  });

  it('gives no version to what is neither: the state index, a test state, a near miss', () => {
    expect(summaryVersionOf('sightline-summary-state')).toBeNull();
    expect(summaryVersionOf('itest-summaries')).toBeNull();
    expect(summaryVersionOf('sightline-summary-users-vx')).toBeNull();
  });
});
