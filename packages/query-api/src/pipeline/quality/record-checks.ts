import type { QualityThresholds } from './thresholds';
import { DIMENSIONS, type CustomerTally } from './record-tally';
import { resultOf, type CheckResult, type CheckSpec } from './types';

export const EMPTY_DIMENSION: CheckSpec = {
  check: 'empty_dimension',
  severity: 'warning',
  policy: 'warn',
  kind: 'system',
};
/** Values outside the accepted set are kept and flagged: evidence, not a fault. */
export const ACCEPTED_VALUES: CheckSpec = {
  check: 'accepted_values',
  severity: 'warning',
  policy: 'warn',
  kind: 'suspicious',
};
export const DUPLICATES: CheckSpec = {
  check: 'duplicates',
  severity: 'critical',
  policy: 'pause',
  kind: 'system',
};
/** A success with a failure reason is forged or corrupted: evidence to look at, so the run fails. */
export const BUSINESS_RULE: CheckSpec = {
  check: 'business_rule',
  severity: 'critical',
  policy: 'warn',
  kind: 'suspicious',
};

const sourceOf = (tally: CustomerTally) => `customer:${tally.customer}`;
const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** A rate over too few records is noise: measured, shown, never a breach. */
function rate(part: number, tally: CustomerTally, t: QualityThresholds, limit: number) {
  const measured = tally.records === 0 ? 0 : round(part / tally.records);
  return { measured, threshold: limit, breached: tally.records >= t.minRecords && measured > limit };
}

export function judgeEmptyDimensions(tally: CustomerTally, t: QualityThresholds, at: string): CheckResult[] {
  return DIMENSIONS.map((dimension) =>
    resultOf(EMPTY_DIMENSION, at, {
      source: sourceOf(tally),
      subject: dimension,
      ...rate(tally.empty[dimension], tally, t, t.emptyDimensionRate),
      detail: `${tally.empty[dimension]} of ${tally.records} records have no ${dimension}`,
    }),
  );
}

export function judgeAcceptedValues(tally: CustomerTally, t: QualityThresholds, at: string): CheckResult[] {
  return (
    [
      ['result', tally.unacceptedResult],
      ['factor', tally.unacceptedFactor],
    ] as const
  ).map(([field, count]) =>
    resultOf(ACCEPTED_VALUES, at, {
      source: sourceOf(tally),
      subject: field,
      ...rate(count, tally, t, t.unacceptedValueRate),
      detail: `${count} of ${tally.records} records have a ${field} outside the accepted set`,
    }),
  );
}

export function judgeDuplicates(tally: CustomerTally, t: QualityThresholds, at: string): CheckResult {
  const shown = tally.doubled.slice(0, 5).join(', ');
  return resultOf(DUPLICATES, at, {
    source: sourceOf(tally),
    subject: 'txids stored more than once',
    measured: tally.doubled.length,
    threshold: t.duplicateTxids,
    breached: tally.doubled.length > t.duplicateTxids,
    detail: tally.doubled.length === 0 ? 'every txid stored once' : `for instance ${shown}`,
  });
}

export function judgeBusinessRules(tally: CustomerTally, t: QualityThresholds, at: string): CheckResult {
  return resultOf(BUSINESS_RULE, at, {
    source: sourceOf(tally),
    subject: 'success with a failure reason',
    measured: tally.successWithFailureReason,
    threshold: t.successWithFailureReason,
    breached: tally.successWithFailureReason > t.successWithFailureReason,
    detail: `${tally.successWithFailureReason} of ${tally.records} records`,
  });
}

/** Every record check's results for one customer's tally. */
export function judgeRecords(tally: CustomerTally, t: QualityThresholds, at: string): CheckResult[] {
  return [
    judgeDuplicates(tally, t, at),
    ...judgeEmptyDimensions(tally, t, at),
    ...judgeAcceptedValues(tally, t, at),
    judgeBusinessRules(tally, t, at),
  ];
}
