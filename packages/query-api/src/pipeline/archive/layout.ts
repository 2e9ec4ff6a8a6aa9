import { join, resolve } from 'node:path';

/**
 * Where the raw archive lives and how its segments are named. The archive is a directory tree,
 * `<day>/<source>/<segment>.gz`, by UTC day of ingestion; the load log lists each segment by its
 * path relative to the archive's root, so the root can move (or be a mount shared by every
 * archiver and reprocess) without rewriting the log.
 */

type Env = Record<string, string | undefined>;

/** `SIGHTLINE_ARCHIVE_DIR`, else `archive` under the data directory `npm start` uses. */
export function archiveDirFrom(env: Env = process.env): string {
  const explicit = env.SIGHTLINE_ARCHIVE_DIR?.trim();
  if (explicit) return resolve(explicit);
  return resolve(env.SIGHTLINE_STATE_DIR?.trim() || '.sightline', 'archive');
}

/** The UTC day of an instant, `YYYY-MM-DD`. */
export function dayOf(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Offsets padded so that a directory listing sorts segments in offset order. */
function padded(position: bigint | number): string {
  return String(position).padStart(20, '0');
}

/** A path segment made of safe characters only (topic names and file names become directory names). */
function safe(name: string): string {
  return (
    name
      .replace(/[^\w.-]+/g, '_')
      .replace(/^\.+/, '_')
      .slice(0, 160) || '_'
  );
}

/**
 * A firehose segment: named by its partition and the offset it starts at. The archiver writes a
 * partition's messages from its committed offset, so a batch archived but not committed before a
 * crash starts at the same offset when it is fetched again, and its rewrite replaces the segment
 * (whatever the new batch's end) instead of adding a second copy beside it.
 */
export function firehoseSegment(day: string, topic: string, partition: number, from: bigint): string {
  return join(day, safe(topic), `p${partition}-${padded(from)}.gz`);
}

/** The directory of a day's file-ingest segments: `@` is in no topic name, so no topic's directory is it. */
const FILES_DIR = '@files';

/** A file ingest's segment: the file's name and the ingest's start, so two ingests of one file stay apart. */
export function fileSegment(day: string, stream: string, startedAt: Date): string {
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace('.', '');
  return join(day, FILES_DIR, `${safe(stream)}.${stamp}.gz`);
}

/** Whether a segment (relative path) holds a file ingest's lines rather than firehose messages. */
export function isFileSegment(segment: string): boolean {
  return segment.split('/')[1] === FILES_DIR;
}

/** The load-log stream of archive segments of a source stream (`<topic>/<partition>`, a file name). */
export function archiveStream(source: string): string {
  return `archive/${source}`;
}

/** The source stream of an archive stream, or null for another stream. */
export function sourceOfArchiveStream(stream: string): string | null {
  return stream.startsWith('archive/') ? stream.slice('archive/'.length) : null;
}

export function segmentPath(root: string, segment: string): string {
  return join(root, segment);
}
