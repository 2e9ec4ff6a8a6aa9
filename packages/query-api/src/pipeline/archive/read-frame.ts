import { normalise } from '../../ingest/normalise';
import type { AuthLogRecord } from '@sightline/schema';
import type { SinkMessage } from '../kafka/sink-batch';
import type { Frame } from './frame';

/** An archived firehose record as the message it was, for the sink's own reading of it (readMessage). */
export function archivedMessage(topic: string, partition: number, frame: Frame): SinkMessage {
  const headers = new Map<Buffer, Buffer>();
  for (const [k, v] of Object.entries(frame.headers ?? {})) headers.set(Buffer.from(k), Buffer.from(v));
  return {
    topic,
    partition,
    offset: BigInt(frame.position),
    key: frame.key === undefined ? null : Buffer.from(frame.key, 'utf8'),
    value: frame.value,
    headers,
  };
}

export type ReadArchivedLine = { ok: true; record: AuthLogRecord; text: string } | { ok: false };

/**
 * An archived line of a file ingest read as that ingest read it: parsed, normalised with the tenant
 * the ingest gave (its --customer) and stamped with the time it was first ingested.
 */
export function readArchivedLine(frame: Frame): ReadArchivedLine {
  const text = frame.value.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  const result = normalise(value, { customer: frame.key, ingestedAt: frame.at });
  return result.ok ? { ok: true, record: result.record, text } : { ok: false };
}
