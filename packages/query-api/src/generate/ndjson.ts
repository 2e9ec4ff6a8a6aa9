import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Writes objects as NDJSON in ~1 MB chunks, waiting for the stream to drain (memory stays flat). */
export async function writeNdjson(records: Iterable<unknown>, out: Writable): Promise<number> {
  let chunk = '';
  let written = 0;
  for (const record of records) {
    chunk += `${JSON.stringify(record)}\n`;
    written += 1;
    if (chunk.length >= 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  if (chunk) out.write(chunk);
  return written;
}
