/** Every quality threshold, in one place: a check reads its limits from here and nowhere else. */
export const QUALITY_THRESHOLDS = {
  /** Record checks look at what was ingested in this window before the run. */
  windowMs: 24 * 3_600_000,
  zeroRows: {
    /** The hour compared: the last hour, against the same hour on this many previous days. */
    previousDays: 7,
    /** A source "normally delivers at this hour" when it did on at least this many of those days. */
    minDaysDelivered: 3,
  },
  /** Share of records (0..1) with an empty user, application or country above which the check fails. */
  emptyDimensionRate: 0.05,
  /** Share of records (0..1) with a result or factor outside the accepted set. */
  unacceptedValueRate: 0.01,
  /** Newest event older than this. */
  freshnessMs: 2 * 3_600_000,
  /** Txids stored more than once: any is too many. */
  duplicateTxids: 0,
  /** Txids that arrived again with other content than their stored copy: any is too many. */
  conflictingCopies: 0,
  /** Successes carrying a failure reason: any is too many. */
  successWithFailureReason: 0,
  /**
   * After an operator resumes a source, the scheduled checks do not pause it again for this long:
   * their windows still hold what led to the pause (zero rows is judged over the last hour).
   */
  pauseGraceMs: 3_600_000,
  /** Rate checks judge nothing on fewer records than this: one empty user in three is noise. */
  minRecords: 20,
} as const;

export type QualityThresholds = typeof QUALITY_THRESHOLDS;
