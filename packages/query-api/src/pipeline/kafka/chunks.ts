/**
 * The broker refuses a record batch over `max.message.bytes` (1 MB by default), and one send puts
 * all of a partition's messages in one batch: sends are cut well below that.
 */
export const MAX_SEND_BYTES = 512 * 1024;

/** Splits messages, in order, into runs of at most `maxBytes` of keys and values (at least one each). */
export function chunksBySize<T>(
  messages: readonly T[],
  size: (m: T) => number,
  maxBytes = MAX_SEND_BYTES,
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const message of messages) {
    const n = size(message);
    if (current.length > 0 && bytes + n > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += n;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
