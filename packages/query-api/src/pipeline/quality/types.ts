import type { BadDataKind } from '@sightline/schema';

/** How bad a breach is: a `critical` breach fails the run (`sightline quality` exits 1), a `warning` warns. */
export type Severity = 'warning' | 'critical';
/** What the pipeline should do about a breach: only report it, or pause the source it came from. */
export type Policy = 'warn' | 'pause';
export type CheckStatus = 'pass' | 'warn' | 'fail';
export type CheckName =
  'zero_rows' | 'duplicates' | 'empty_dimension' | 'accepted_values' | 'freshness' | 'business_rule';

/** One measurement of one check on one source, as stored in the quality index. */
export interface CheckResult {
  check: CheckName;
  severity: Severity;
  policy: Policy;
  /** Which kind of bad data the check counts: a system fault, or suspicious evidence. */
  kind: BadDataKind;
  status: CheckStatus;
  /** What the check measured and the limit it was held to, in the same unit. */
  measured: number;
  threshold: number;
  /** When the run was made: every result of one run shares it. */
  at: string;
  /** A load-log stream (`mysql/shard_0`, `topic/3`) or a customer (`customer:acme`). */
  source: string;
  /** What within the source: the dimension, field or rule measured. */
  subject: string;
  detail: string;
}

/** A check's fixed traits: its result records carry them so the history reads on its own. */
export interface CheckSpec {
  check: CheckName;
  severity: Severity;
  policy: Policy;
  kind: BadDataKind;
}

/** The status of a measurement against a threshold it must not exceed. */
export function statusOf(spec: CheckSpec, breached: boolean): CheckStatus {
  if (!breached) return 'pass';
  return spec.severity === 'critical' ? 'fail' : 'warn';
}

/** Builds a result from a check's traits and one measurement. */
export function resultOf(
  spec: CheckSpec,
  at: string,
  m: {
    source: string;
    subject: string;
    measured: number;
    threshold: number;
    breached: boolean;
    detail: string;
  },
): CheckResult {
  return {
    ...spec,
    status: statusOf(spec, m.breached),
    at,
    source: m.source,
    subject: m.subject,
    measured: m.measured,
    threshold: m.threshold,
    detail: m.detail,
  };
}
