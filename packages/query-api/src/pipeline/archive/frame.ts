/**
 * One archived record: a JSON header, a tab, the record's bytes exactly as received, a newline.
 *
 * The header says how many bytes follow, so a value holding newlines or invalid UTF-8 is kept as it
 * was and still read back whole; JSON escapes every control character, so the first tab of a frame
 * always ends its header. `zcat segment | cut -f2-` shows the raw lines of a segment.
 */
export interface FrameHeader {
  /** Position at the source: the firehose offset, or the line number in an ingested file. */
  position: string;
  /** The tenant the record was delivered under (the message key, or an ingest's --customer). */
  key?: string;
  /** When it was received: the message timestamp, or the ingest's ingestion time (ISO 8601, UTC). */
  at: string;
  /** Message headers (source, position at the source), as UTF-8 text. */
  headers?: Record<string, string>;
}

export interface Frame extends FrameHeader {
  value: Buffer;
}

const TAB = 0x09;
const NEWLINE = 0x0a;

/** The bytes of one frame. */
export function encodeFrame(frame: Frame): Buffer {
  const { value, ...header } = frame;
  const head = Buffer.from(`${JSON.stringify({ ...header, bytes: value.length })}\t`, 'utf8');
  return Buffer.concat([head, value, Buffer.from([NEWLINE])]);
}

export class FrameError extends Error {
  override name = 'FrameError';
}

/**
 * Splits a byte stream into frames, holding at most one chunk and one frame: the archive is read
 * as it is decompressed, whatever the segment's size.
 */
export async function* decodeFrames(chunks: AsyncIterable<Buffer>): AsyncGenerator<Frame> {
  let pending: Buffer = Buffer.alloc(0);
  let offset = 0;
  for await (const chunk of chunks) {
    pending = offset < pending.length ? Buffer.concat([pending.subarray(offset), chunk]) : chunk;
    offset = 0;
    for (;;) {
      const tab = pending.indexOf(TAB, offset);
      if (tab === -1) break;
      const header = parseHeader(pending.subarray(offset, tab));
      const end = tab + 1 + header.bytes;
      if (end >= pending.length) break;
      if (pending[end] !== NEWLINE)
        throw new FrameError('an archived record does not end where its header says');
      const { bytes: _bytes, ...rest } = header;
      yield { ...rest, value: Buffer.from(pending.subarray(tab + 1, end)) };
      offset = end + 1;
    }
  }
  if (offset < pending.length) throw new FrameError('the archive segment ends in the middle of a record');
}

function parseHeader(bytes: Buffer): FrameHeader & { bytes: number } {
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new FrameError('an archived record has no readable header');
  }
  const h = header as Partial<FrameHeader & { bytes: number }>;
  if (typeof h.position !== 'string' || typeof h.at !== 'string' || !Number.isSafeInteger(h.bytes)) {
    throw new FrameError('an archived record header lacks position, at or bytes');
  }
  return h as FrameHeader & { bytes: number };
}
