import type { BulkItem } from '../../ingest/bulk';
import { normalise } from '../../ingest/normalise';
import type { DeadLetter } from './dead-letter';
import type { AuthLogRecord } from '@sightline/schema';
import { targetFields } from '../../versions/names';
import { SOURCE_HEADER } from '../firehose';

/** What the sink needs of a consumed message (the Kafka client's Message has more). */
export interface SinkMessage {
  topic: string;
  partition: number;
  offset: bigint;
  key: Buffer | undefined | null;
  value: Buffer | undefined | null;
  headers: Map<Buffer, Buffer>;
}

/** A document to index, pointing back at the message it came from (`line` is its index in the batch). */
export interface SinkItem extends BulkItem {
  ts: string;
}

export interface PreparedBatch {
  items: SinkItem[];
  deadLetters: DeadLetter[];
}

function letter(message: SinkMessage, reason: DeadLetter['reason'], detail: string): DeadLetter {
  return {
    reason,
    detail,
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key: message.key ?? undefined,
    value: message.value ?? undefined,
    headers: message.headers,
  };
}

/**
 * The action line of a document: the index follows from event time, the id is the txid. A `create`,
 * so a redelivered txid keeps its first copy (see conflictJudge: a repeat or a conflicting copy).
 */
function actionLine(index: string, txid: string): string {
  return `{"create":{${targetFields(index)},"_id":${JSON.stringify(txid)}}}\n`;
}

/** The source a message was published from (`mysql/<shard>`, `produce/<file>`), when it says. */
export function sourceHeader(message: SinkMessage): string | undefined {
  for (const [key, value] of message.headers) {
    if (key.toString('utf8') === SOURCE_HEADER) return value.toString('utf8');
  }
  return undefined;
}

/** One consumed message read as a record, or the dead letter saying why it cannot be one. */
export type ReadMessage =
  { ok: true; record: AuthLogRecord; flagged: boolean; text: string } | { ok: false; letter: DeadLetter };

/**
 * Reads one message as the pipeline's consumers do: the message key is the tenant, so a record naming
 * another customer is unusable, like a line that is not JSON or has no txid. The indexer dead-letters
 * what is unusable; other consumers of the firehose (detection) skip it.
 */
export function readMessage(message: SinkMessage, ingestedAt: string): ReadMessage {
  const customer = message.key?.toString('utf8') ?? '';
  if (customer === '') {
    return { ok: false, letter: letter(message, 'no_tenant', 'the message has no key (the customer id)') };
  }
  const text = message.value?.toString('utf8') ?? '';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      letter: letter(message, 'not_json', error instanceof Error ? error.message : 'not JSON'),
    };
  }
  const result = normalise(value, { customer, ingestedAt });
  if (!result.ok) {
    const detail =
      result.reason === 'tenant_mismatch'
        ? `customer_id "${(value as { customer_id?: unknown }).customer_id as string}" is not the message key "${customer}"`
        : result.detail;
    return { ok: false, letter: letter(message, result.reason, detail) };
  }
  return { ok: true, record: result.record, flagged: result.flagged, text };
}

/**
 * Normalises one fetched batch (see readMessage): unusable messages become dead letters, the rest
 * bulk items with the txid as document id.
 */
export function prepareBatch(
  messages: readonly SinkMessage[],
  ingestedAt: string,
  indexName: (ts: string) => string,
): PreparedBatch {
  const items: SinkItem[] = [];
  const deadLetters: DeadLetter[] = [];
  for (let i = 0; i < messages.length; i++) {
    const read = readMessage(messages[i]!, ingestedAt);
    if (!read.ok) {
      deadLetters.push(read.letter);
      continue;
    }
    const { record } = read;
    items.push({
      payload: `${actionLine(indexName(record.ts), record.txid)}${JSON.stringify(record)}\n`,
      line: i,
      id: record.txid,
      hash: record.content_hash ?? undefined,
      raw: read.text,
      flagged: read.flagged,
      ts: record.ts,
    });
  }
  return { items, deadLetters };
}
