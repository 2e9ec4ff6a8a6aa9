import { describe, expect, it } from 'vitest';
import {
  judgeAcceptedValues,
  judgeBusinessRules,
  judgeDuplicates,
  judgeEmptyDimensions,
  judgeRecords,
} from './record-checks';
import type { CustomerTally } from './record-tally';
import { QUALITY_THRESHOLDS as T } from './thresholds';

const AT = '2026-03-10T09:00:00.000Z';
const clean: CustomerTally = {
  customer: 'acme',
  records: 1000,
  empty: { 'user.name': 0, 'application.name': 0, 'access_device.location.country_code': 0 },
  unacceptedResult: 0,
  unacceptedFactor: 0,
  successWithFailureReason: 0,
  doubled: [],
};
const tally = (over: Partial<CustomerTally>): CustomerTally => ({ ...clean, ...over });

describe('record checks', () => {
  it('passes every check of a clean customer, naming the customer as the source', () => {
    const results = judgeRecords(clean, T, AT);
    expect(results.map((r) => [r.check, r.subject])).toEqual([
      ['duplicates', 'txids stored more than once'],
      ['empty_dimension', 'user.name'],
      ['empty_dimension', 'application.name'],
      ['empty_dimension', 'access_device.location.country_code'],
      ['accepted_values', 'result'],
      ['accepted_values', 'factor'],
      ['business_rule', 'success with a failure reason'],
    ]);
    expect(results.every((r) => r.status === 'pass' && r.source === 'customer:acme' && r.at === AT)).toBe(
      true,
    );
  });

  it('warns when a dimension is empty in more than its share of records, and only that dimension', () => {
    const over = Math.floor(1000 * T.emptyDimensionRate) + 1;
    const results = judgeEmptyDimensions(
      tally({ empty: { ...clean.empty, 'application.name': over } }),
      T,
      AT,
    );
    expect(results.map((r) => r.status)).toEqual(['pass', 'warn', 'pass']);
    expect(results[1]).toMatchObject({
      measured: over / 1000,
      threshold: T.emptyDimensionRate,
      kind: 'system',
    });
    const at = judgeEmptyDimensions(
      tally({ empty: { ...clean.empty, 'user.name': 1000 * T.emptyDimensionRate } }),
      T,
      AT,
    );
    expect(at[0]!.status).toBe('pass');
  });

  it('judges no rate on fewer records than the minimum', () => {
    const few = tally({
      records: T.minRecords - 1,
      empty: { ...clean.empty, 'user.name': T.minRecords - 1 },
    });
    expect(judgeEmptyDimensions(few, T, AT)[0]).toMatchObject({ status: 'pass', measured: 1 });
  });

  it('counts results and factors outside the accepted set as suspicious evidence, warning above the rate', () => {
    const results = judgeAcceptedValues(tally({ unacceptedResult: 11, unacceptedFactor: 10 }), T, AT);
    expect(results.map((r) => [r.subject, r.status, r.kind])).toEqual([
      ['result', 'warn', 'suspicious'],
      ['factor', 'pass', 'suspicious'],
    ]);
  });

  it('fails on a single txid stored twice and names it', () => {
    expect(judgeDuplicates(tally({ doubled: ['tx-1'] }), T, AT)).toMatchObject({
      status: 'fail',
      measured: 1,
      threshold: 0,
      policy: 'pause',
      detail: 'for instance tx-1',
    });
  });

  it('fails on a single success carrying a failure reason', () => {
    expect(judgeBusinessRules(tally({ successWithFailureReason: 1 }), T, AT)).toMatchObject({
      check: 'business_rule',
      status: 'fail',
      kind: 'suspicious',
      measured: 1,
    });
  });
});
