/**
 * The dead-letter topic: records the sink could not store, value and key exactly as read, with why
 * and where from in headers, so an operator can fix the source and replay them.
 */
export const DEAD_LETTER_HEADERS = {
  reason: 'sightline-reason',
  detail: 'sightline-detail',
  topic: 'sightline-source-topic',
  partition: 'sightline-source-partition',
  offset: 'sightline-source-offset',
} as const;

/** Why a record was unusable: normalise's reasons, or Elasticsearch refusing the document. */
export type DeadLetterReason =
  | 'not_json'
  | 'not_an_object'
  | 'no_txid'
  | 'no_time'
  | 'no_tenant'
  | 'bad_tenant'
  | 'tenant_mismatch'
  | 'elasticsearch';

export interface DeadLetter {
  reason: DeadLetterReason;
  detail: string;
  topic: string;
  partition: number;
  offset: bigint;
  key: Buffer | undefined;
  value: Buffer | undefined;
  /** The firehose message's own headers (source, position), kept. */
  headers: Map<Buffer, Buffer>;
}

const MAX_DETAIL = 1000;

/** The dead-letter message: original key, value and headers, plus the reason and source position. */
export function deadLetterMessage(topic: string, letter: DeadLetter) {
  const headers = new Map<Buffer, Buffer>(letter.headers);
  const add = (name: string, value: string) => headers.set(Buffer.from(name), Buffer.from(value));
  add(DEAD_LETTER_HEADERS.reason, letter.reason);
  add(DEAD_LETTER_HEADERS.detail, letter.detail.slice(0, MAX_DETAIL));
  add(DEAD_LETTER_HEADERS.topic, letter.topic);
  add(DEAD_LETTER_HEADERS.partition, String(letter.partition));
  add(DEAD_LETTER_HEADERS.offset, String(letter.offset));
  return { topic, key: letter.key, value: letter.value, headers };
}
