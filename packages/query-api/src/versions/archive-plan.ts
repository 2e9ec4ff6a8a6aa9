import type { LoadLogEntry } from '../pipeline/load-log';
import { isFileSegment, sourceOfArchiveStream } from '../pipeline/archive/layout';
import type { ArchivedSegment } from './replay-into';
import { partitionOf, type OffsetRange } from './replay-plan';

export interface ArchivePlan {
  /** Segments to read, each once, in the order their records arrived. */
  segments: ArchivedSegment[];
  /** What only the firehose still holds: the sink's ranges outside every partition's archive. */
  ranges: OffsetRange[];
  /** File loads of the period with no archive segment: their records cannot be read again. */
  unarchivedFiles: string[];
}

type ArchiveEntry = Pick<LoadLogEntry, 'stream' | 'from' | 'to' | 'segment' | 'ingested_from'>;

/**
 * Where a period's records are read again from. Every archive segment whose records' event times
 * overlap the period, firehose partitions' and file ingests' alike; and from the firehose only the
 * sink's ranges (see replayPlan) outside what the archive holds of their partition. The archiver
 * writes a partition's messages in order from where it started and commits only what it wrote, so
 * a partition's archive is one span, from its first segment's first offset to its last one's last
 * (`archived`). Pure.
 */
export function archivePlan(
  topic: string,
  firehoseRanges: readonly OffsetRange[],
  overlapping: readonly ArchiveEntry[],
  archived: ReadonlyMap<number, { from: bigint; to: bigint }>,
  fileLoads: readonly string[],
): ArchivePlan {
  const seen = new Set<string>();
  const found: (ArchivedSegment & { at: string; from: bigint })[] = [];
  const archivedFiles = new Set<string>();
  for (const entry of overlapping) {
    const source = sourceOfArchiveStream(entry.stream);
    if (source === null || entry.segment === undefined || seen.has(entry.segment)) continue;
    const partition = isFileSegment(entry.segment) ? null : partitionOf(topic, source);
    // Another topic's messages are not this firehose's records.
    if (partition === null && !isFileSegment(entry.segment)) continue;
    seen.add(entry.segment);
    if (partition === null) archivedFiles.add(source);
    found.push({
      segment: entry.segment,
      ...(partition === null ? {} : { topic, partition }),
      at: entry.ingested_from ?? '',
      from: BigInt(/^\d+$/.test(entry.from) ? entry.from : '0'),
    });
  }
  // In arrival order, so that of two copies of a txid the first received is the one a create keeps.
  found.sort((a, b) =>
    a.at !== b.at
      ? a.at < b.at
        ? -1
        : 1
      : a.segment < b.segment
        ? -1
        : a.segment > b.segment
          ? 1
          : a.from < b.from
            ? -1
            : 1,
  );
  const segments = found.map(({ at: _at, from: _from, ...s }) => s);

  const ranges: OffsetRange[] = [];
  for (const r of firehoseRanges) {
    const span = archived.get(r.partition);
    if (!span || r.to < span.from || r.from > span.to) {
      ranges.push({ ...r });
      continue;
    }
    if (r.from < span.from) ranges.push({ partition: r.partition, from: r.from, to: span.from - 1n });
    if (r.to > span.to) ranges.push({ partition: r.partition, from: span.to + 1n, to: r.to });
  }
  const unarchivedFiles = [...new Set(fileLoads)].filter((f) => !archivedFiles.has(f)).sort();
  return { segments, ranges, unarchivedFiles };
}
