/**
 * What the findings API stores and answers: a detector's finding with the admin's verdict on it.
 * Types and constants only, so the client and the dashboard import them without the engine.
 */
import { FINDING_TYPES, SEVERITIES, type Finding, type FindingType, type Severity } from './finding';

export { FINDING_TYPES, SEVERITIES, type Finding, type FindingType, type Severity };

/** What an admin can set. */
export const SETTABLE_STATUSES = ['open', 'suspicious', 'dismissed'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

/**
 * Every status a stored finding has: `muted` is given by the detector to a new finding of a type the
 * admin muted for that user; the list leaves muted findings out unless asked for them.
 */
export const FINDING_STATUSES = [...SETTABLE_STATUSES, 'muted'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** A finding as stored and listed. */
export type StoredFinding = Finding & {
  status: FindingStatus;
  /** When the detector last wrote it (processing time). */
  updatedAt: string;
  /** The last status change by an admin: when and by which token (its name, never the secret); null if none. */
  statusChangedAt: string | null;
  statusChangedBy: string | null;
};

/**
 * Orders of GET /api/findings, each newest first: by the last evidence (the default), by the first, or
 * by severity (critical, high, medium, low) and within one severity by the last evidence.
 */
export const FINDING_SORTS = ['last_seen', 'first_seen', 'severity'] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];
export const DEFAULT_FINDING_SORT: FindingSort = 'last_seen';

export interface FindingPage {
  findings: StoredFinding[];
  /** Cursor of the next page, null on the last. */
  nextCursor: string | null;
}

/** The answer to a status change: the finding as now stored, and whether its pattern is muted for the user. */
export interface FindingStatusResult {
  finding: StoredFinding;
  muted: boolean;
}
