import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../pipeline/quality/types';
import { MAX_QUALITY_CHECKS } from '@sightline/schema/api';
import { parseQuality, qualityRequest, qualityScope } from './quality';

const range = { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-02-02T00:00:00Z') };
const result = (source: string, status: CheckResult['status'], at: string): CheckResult => ({
  check: 'zero_rows',
  severity: 'critical',
  policy: 'pause',
  kind: 'system',
  status,
  measured: status === 'pass' ? 5 : 0,
  threshold: 1,
  at,
  source,
  subject: 'rows in the last hour',
  detail: 'd',
});
const bucket = (...results: CheckResult[]) => ({
  history: { hits: { hits: results.map((r) => ({ _source: r })) } },
});

describe('the quality panel', () => {
  it("shows an admin naming a customer the streams' checks and that customer's, never another's", () => {
    expect(qualityScope(null)).toEqual([]);
    expect(JSON.stringify(qualityScope('acme'))).toBe(
      JSON.stringify([
        {
          bool: {
            should: [
              { bool: { must_not: [{ prefix: { source: 'customer:' } }] } },
              { term: { source: 'customer:acme' } },
            ],
            minimum_should_match: 1,
          },
        },
      ]),
    );
    expect(JSON.stringify(qualityRequest(range, 'acme').query)).toContain('customer:acme');
  });

  it('takes the newest result as the latest, keeps the rest as history, and lists the worst first', () => {
    const parsed = parseQuality(
      {
        aggregations: {
          checks: {
            buckets: [
              bucket(
                result('mysql/a', 'pass', '2026-02-01T11:00:00Z'),
                result('mysql/a', 'fail', '2026-02-01T10:00:00Z'),
              ),
              bucket(
                result('mysql/b', 'fail', '2026-02-01T11:00:00Z'),
                result('mysql/b', 'pass', '2026-02-01T10:00:00Z'),
              ),
            ],
          },
        },
      },
      range,
    );
    expect(parsed.checks.map((c) => [c.source, c.status, c.at, c.history.map((h) => h.status)])).toEqual([
      ['mysql/b', 'fail', '2026-02-01T11:00:00.000Z', ['fail', 'pass']],
      ['mysql/a', 'pass', '2026-02-01T11:00:00.000Z', ['pass', 'fail']],
    ]);
    expect(parsed.counts).toEqual({ pass: 1, warn: 0, fail: 1 });
    expect(parsed.truncated).toBe(false);
  });

  it('says when there are more checks than it lists', () => {
    const buckets = Array.from({ length: MAX_QUALITY_CHECKS }, (_, i) =>
      bucket(result(`s${i}`, 'pass', '2026-02-01T11:00:00Z')),
    );
    expect(parseQuality({ aggregations: { checks: { buckets } } }, range).truncated).toBe(true);
  });
});
