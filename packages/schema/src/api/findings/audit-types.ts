/**
 * What the findings audit answers: one entry per status change an admin made. Types only, so the
 * client and the dashboard import them without the store.
 */
import type { FindingStatus, FindingType, SettableStatus } from './types';

/** One status change as audited. */
export interface FindingAuditEntry {
  id: string;
  /** The token's name (never its secret) that made the change. */
  token: string;
  customer: string;
  /** The finding's id. */
  finding: string;
  type: FindingType;
  /** Whom the finding is about; null for findings about an address or a network. */
  user: string | null;
  at: string;
  from: FindingStatus;
  to: SettableStatus;
  /** true: the pattern was muted for the user; false: its mute was lifted; null: left as it was. */
  mute: boolean | null;
  note: string | null;
}

export interface FindingAuditPage {
  entries: FindingAuditEntry[];
  /** Cursor for the next page (pass it as `after`), null on the last. */
  next: string | null;
}
