import type { LoadLogEntry } from '../pipeline/load-log';

/** Offsets of one firehose partition to read again, inclusive. */
export interface OffsetRange {
  partition: number;
  from: bigint;
  to: bigint;
}

export interface ReplayPlan {
  topic: string;
  /** Merged ranges, by partition then offset. */
  ranges: OffsetRange[];
  /** Per partition, the next offset after everything the load log had recorded: where catch-up starts. */
  recordedEnd: Record<string, string>;
}

/**
 * What to read again for a period: the offset ranges of the sink's load-log batches whose event-time
 * range overlaps it, merged where they touch (consecutive batches of a partition do). A late event
 * makes its own small range instead of stretching one range over months. `allEntries` are every sink
 * entry of the topic, whatever their event time: where each partition's record ends. Pure.
 */
export function replayPlan(
  topic: string,
  overlapping: readonly Pick<LoadLogEntry, 'stream' | 'from' | 'to'>[],
  recordedEnds: readonly { stream: string; to: string }[],
): ReplayPlan {
  const byPartition = new Map<number, { from: bigint; to: bigint }[]>();
  for (const entry of overlapping) {
    const partition = partitionOf(topic, entry.stream);
    if (partition === null) continue;
    const list = byPartition.get(partition) ?? [];
    list.push({ from: BigInt(entry.from), to: BigInt(entry.to) });
    byPartition.set(partition, list);
  }
  const ranges: OffsetRange[] = [];
  for (const partition of [...byPartition.keys()].sort((a, b) => a - b)) {
    const sorted = byPartition
      .get(partition)!
      .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    let current: OffsetRange | null = null;
    for (const r of sorted) {
      if (current && r.from <= current.to + 1n) {
        if (r.to > current.to) current.to = r.to;
        continue;
      }
      current = { partition, from: r.from, to: r.to };
      ranges.push(current);
    }
  }
  const recordedEnd: Record<string, string> = {};
  for (const entry of recordedEnds) {
    const partition = partitionOf(topic, entry.stream);
    if (partition === null) continue;
    const next = BigInt(entry.to) + 1n;
    const known = recordedEnd[partition];
    if (known === undefined || next > BigInt(known)) recordedEnd[partition] = String(next);
  }
  return { topic, ranges, recordedEnd };
}

/** The partition of a sink stream `<topic>/<partition>` of this topic, or null for another stream. */
export function partitionOf(topic: string, stream: string): number | null {
  if (!stream.startsWith(`${topic}/`)) return null;
  const text = stream.slice(topic.length + 1);
  return /^\d+$/.test(text) ? Number(text) : null;
}
