import type { Window } from './plan';

const HOUR_MS = 3_600_000;

/** How many hours and records one step of a recompute may hold: what bounds its memory. */
export interface ChunkLimits {
  /** Hours per chunk at most: bounds the stored summaries listed for deletion. */
  hours: number;
  /**
   * Records per chunk at most, unless one hour alone holds more: every combination counted comes
   * from at least one record, so this bounds the summary documents a step builds and writes.
   */
  records: number;
}

/**
 * Cuts `window` (whole hours) into consecutive chunks that cover it exactly, each within `limits`
 * by the records each hour holds (`recordsByHour`, epoch ms of the hour → records; hours missing
 * hold none). Hours without records still belong to a chunk: their old summaries must go.
 */
export function planChunks(
  window: Window,
  recordsByHour: ReadonlyMap<number, number>,
  limits: ChunkLimits,
): Window[] {
  const chunks: Window[] = [];
  let from = window.from;
  let records = 0;
  for (let hour = window.from; hour < window.to; hour += HOUR_MS) {
    const here = recordsByHour.get(hour) ?? 0;
    const hours = (hour - from) / HOUR_MS;
    if (hours > 0 && (hours >= limits.hours || records + here > limits.records)) {
      chunks.push({ from, to: hour });
      from = hour;
      records = 0;
    }
    records += here;
  }
  if (from < window.to) chunks.push({ from, to: window.to });
  return chunks;
}
