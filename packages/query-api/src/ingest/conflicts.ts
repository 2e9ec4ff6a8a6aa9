import { createHash } from 'node:crypto';
import type { Client, estypes } from '@elastic/elasticsearch';
import { ownIndexCreator } from '../store/own-index';
import type { BulkItem, ExistingItem, ExistingVerdict } from './bulk';

/**
 * Conflicting copies: a txid that arrived again with other content than the stored copy. The stored
 * copy is kept (the first word is the evidence); the new one is kept here, beside both hashes, so
 * nothing a source sent is lost and an investigator can compare the two.
 */
export const CONFLICTS_INDEX = 'sightline-conflicts';

export interface ConflictRecord {
  /** When the conflicting copy arrived. */
  '@timestamp': string;
  txid: string;
  customer_id: string;
  /** The load-log stream it arrived on (`topic/partition`, a file's stream) and its position there. */
  stream: string;
  position: string;
  /** Where the record came from before the firehose (its source header: `mysql/<shard>`), if known. */
  origin?: string;
  /** The index holding the stored copy. */
  index: string;
  stored_hash: string | null;
  new_hash: string;
  /** The new copy as normalised, and as received. */
  record: Record<string, unknown>;
  raw: string;
}

const mappings: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    '@timestamp': { type: 'date' },
    txid: { type: 'keyword' },
    customer_id: { type: 'keyword' },
    stream: { type: 'keyword' },
    position: { type: 'keyword' },
    origin: { type: 'keyword' },
    index: { type: 'keyword' },
    stored_hash: { type: 'keyword' },
    new_hash: { type: 'keyword' },
    // Evidence to read, not to search: any shape the source sent must be storable.
    record: { type: 'object', enabled: false },
    raw: { type: 'text', index: false },
  },
};

/** Where an item came from, for its conflict record. */
export interface ItemOrigin {
  stream: string;
  position: string;
  origin?: string | undefined;
}

/**
 * The onExisting of a writer whose documents carry `id` and `hash`: reads the stored copies' hashes
 * (one mget, only for the documents found stored), and records every copy whose hash differs.
 * A stored copy without a hash (stored before hashes were kept) cannot be told apart: a repeat.
 */
export function conflictJudge(
  es: Client,
  originOf: (item: BulkItem) => ItemOrigin,
): (existing: ExistingItem[]) => Promise<ExistingVerdict[]> {
  const ensureIndex = ownIndexCreator(es, CONFLICTS_INDEX, mappings);
  return async (existing) => {
    const found = await es.mget<{ content_hash?: string | null }>({
      docs: existing.map((e) => ({ _index: e.index, _id: e.item.id! })),
      _source_includes: ['content_hash'],
    });
    const conflicts: ConflictRecord[] = [];
    const at = new Date().toISOString();
    const verdicts = existing.map((e, i): ExistingVerdict => {
      const doc = found.docs[i] as estypes.GetGetResult<{ content_hash?: string | null }> | undefined;
      // Gone since the create was refused (a month deleted by retention): sending it again stores it.
      if (!doc?.found) throw new Error(`the stored copy of ${e.item.id} in ${e.index} was not found`);
      const stored = doc._source?.content_hash ?? null;
      if (stored === null || e.item.hash === undefined || stored === e.item.hash) return 'duplicate';
      conflicts.push(conflictOf(e, stored, at, originOf(e.item)));
      return 'conflict';
    });
    if (conflicts.length > 0) {
      await ensureIndex();
      await recordConflicts(es, conflicts);
    }
    return verdicts;
  };
}

function conflictOf(e: ExistingItem, stored: string, at: string, origin: ItemOrigin): ConflictRecord {
  const { item } = e;
  // The payload is the action line then the document: parsed again only for the rare conflict.
  const record = JSON.parse(item.payload.slice(item.payload.indexOf('\n') + 1)) as Record<string, unknown>;
  return {
    '@timestamp': at,
    txid: item.id!,
    customer_id: String(record.customer_id),
    stream: origin.stream,
    position: origin.position,
    ...(origin.origin ? { origin: origin.origin } : {}),
    index: e.index,
    stored_hash: stored,
    new_hash: item.hash!,
    record,
    raw: typeof item.raw === 'string' ? item.raw : item.raw(),
  };
}

/**
 * The id of a conflict: the stored copy and the new content, so the same conflicting copy delivered
 * again (a redelivered batch, a replay) is recorded once, as and where it first arrived.
 */
function conflictId(c: ConflictRecord): string {
  return createHash('sha256').update(`${c.index}\u0001${c.txid}\u0001${c.new_hash}`).digest('base64url');
}

async function recordConflicts(es: Client, conflicts: readonly ConflictRecord[]): Promise<void> {
  const response = await es.bulk({
    index: CONFLICTS_INDEX,
    operations: conflicts.flatMap((c) => [{ create: { _id: conflictId(c) } }, c]),
    filter_path: 'errors,items.*.error,items.*.status',
  });
  if (response.errors) {
    const failed = response.items.flatMap((i) => Object.values(i)).find((r) => r?.error && r.status !== 409);
    if (!failed) return;
    throw new Error(`the conflicts index refused a record: ${failed?.error?.reason ?? 'no reason given'}`);
  }
}
