import type { LoadLogEntry } from '../load-log';
import { partitionStream } from './partition-holds';

/** What one committed batch did on one partition: one load-log entry. */
export class PartitionStats {
  from: bigint;
  to: bigint;
  read = 0;
  stored = 0;
  duplicates = 0;
  conflicts = 0;
  flagged = 0;
  rejected = 0;
  eventFrom: string | null = null;
  eventTo: string | null = null;

  constructor(
    readonly topic: string,
    readonly partition: number,
    offset: bigint,
  ) {
    this.from = offset;
    this.to = offset;
  }

  sawOffset(offset: bigint): void {
    this.read += 1;
    if (offset < this.from) this.from = offset;
    if (offset > this.to) this.to = offset;
  }

  sawEventTime(ts: string): void {
    // ISO instants of the same format sort as strings.
    if (this.eventFrom === null || ts < this.eventFrom) this.eventFrom = ts;
    if (this.eventTo === null || ts > this.eventTo) this.eventTo = ts;
  }

  entry(committedAt: string, ingestedAt: string, durationMs: number): LoadLogEntry {
    const entry: LoadLogEntry = {
      '@timestamp': committedAt,
      loader: 'sink',
      stream: partitionStream(this.topic, this.partition),
      from: String(this.from),
      to: String(this.to),
      read: this.read,
      stored: this.stored,
      duplicates: this.duplicates,
      conflicts: this.conflicts,
      flagged: this.flagged,
      rejected: this.rejected,
      duration_ms: Math.round(durationMs),
    };
    if (this.eventFrom !== null && this.eventTo !== null) {
      entry.event_from = this.eventFrom;
      entry.event_to = this.eventTo;
    }
    if (this.stored + this.duplicates > 0) {
      entry.ingested_from = ingestedAt;
      entry.ingested_to = ingestedAt;
    }
    return entry;
  }
}

export interface SinkTotals {
  batches: number;
  read: number;
  stored: number;
  duplicates: number;
  conflicts: number;
  flagged: number;
  deadLettered: number;
}

export function emptyTotals(): SinkTotals {
  return { batches: 0, read: 0, stored: 0, duplicates: 0, conflicts: 0, flagged: 0, deadLettered: 0 };
}

export function formatTotals(t: SinkTotals): string {
  return (
    `${t.batches} batches, ${t.read} read, ${t.stored} stored, ${t.duplicates} duplicates, ` +
    (t.conflicts > 0 ? `${t.conflicts} conflicting copies, ` : '') +
    `${t.flagged} flagged, ${t.deadLettered} dead-lettered`
  );
}
