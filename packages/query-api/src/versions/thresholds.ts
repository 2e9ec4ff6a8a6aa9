/**
 * When a new version differs too much from the one in use for a switch to go ahead unforced, in one
 * place. A difference beyond any of these refuses the switch and is named; the rest of the
 * fingerprint is shown for the operator to read.
 */
export const SWITCH_THRESHOLDS = {
  /** Row count change relative to the version in use (0.005 = ±0.5%). */
  rowCountRelative: 0.005,
  /** Change of one result's share of the rows, in percentage points. */
  resultSharePoints: 2,
  /** Change of the entropy of country codes relative to the version in use (0.05 = ±5%). */
  countryEntropyRelative: 0.05,
  /**
   * Rise of a dimension's empty rate, in percentage points. One-sided: a corrected enrichment that
   * fills values lowers it, which is what a rebuild is for.
   */
  nullRateRisePoints: 2,
} as const;

export type SwitchThresholds = { readonly [K in keyof typeof SWITCH_THRESHOLDS]: number };
