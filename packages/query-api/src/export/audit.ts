import { randomUUID } from 'node:crypto';
import { ownIndexCreator } from '../store/own-index';
import type { Client } from '@elastic/elasticsearch';
import { z } from 'zod';
import { ExportInputError } from './columns';
import type { AuditPage, AuditQuery, ExportAuditEntry } from '@sightline/schema/api';

/** Auto-creation is allowed only for `sightline-*`; the index is created once with the mapping below. */
export const AUDIT_INDEX = 'sightline-audit';

export type { AuditPage, AuditQuery, ExportAuditEntry };

export type NewAuditEntry = Omit<ExportAuditEntry, 'id'>;

/** Where export audit entries go; an interface so tests and other stores can stand in. */
export interface ExportAuditLog {
  record(entry: NewAuditEntry): Promise<ExportAuditEntry>;
  list(query: AuditQuery): Promise<AuditPage>;
}

export const auditMapping = {
  dynamic: 'strict',
  properties: {
    id: { type: 'keyword' },
    token: { type: 'keyword' },
    customer: { type: 'keyword' },
    started_at: { type: 'date' },
    finished_at: { type: 'date' },
    duration_ms: { type: 'long' },
    format: { type: 'keyword' },
    columns: { type: 'keyword' },
    // Filter trees vary in shape: kept verbatim in _source, not indexed.
    filters: { type: 'object', enabled: false },
    time_from: { type: 'date' },
    time_to: { type: 'date' },
    resumed: { type: 'boolean' },
    rows: { type: 'long' },
    bytes: { type: 'long' },
    outcome: { type: 'keyword' },
    error: { type: 'text' },
  },
} as const;

const pageCursor = z.tuple([z.number().int(), z.string()]);

function decodePageCursor(cursor: string): [number, string] {
  try {
    return pageCursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ExportInputError('after: not an audit page cursor');
  }
}

export class EsExportAuditLog implements ExportAuditLog {
  #ensure: (() => Promise<void>) | undefined;

  constructor(
    private readonly es: Client,
    private readonly index: string = AUDIT_INDEX,
  ) {}

  /** Creates the index with its mapping the first time; a concurrent creator winning the race is fine. */
  ensureIndex(): Promise<void> {
    this.#ensure ??= ownIndexCreator(this.es, this.index, auditMapping);
    return this.#ensure();
  }

  async record(entry: NewAuditEntry): Promise<ExportAuditEntry> {
    await this.ensureIndex();
    const stored: ExportAuditEntry = { id: randomUUID(), ...entry };
    // No forced refresh: the entry is searchable within the refresh interval (1 s), and waiting for one
    // on a busy cluster only holds a finished export's slot bookkeeping open.
    await this.es.index({ index: this.index, id: stored.id, document: stored });
    return stored;
  }

  async list({ limit, after, customer }: AuditQuery): Promise<AuditPage> {
    await this.ensureIndex();
    const response = await this.es.search<ExportAuditEntry>({
      index: this.index,
      size: limit,
      query: customer ? { term: { customer } } : { match_all: {} },
      sort: [{ started_at: 'desc' }, { id: 'desc' }],
      track_total_hits: false,
      ...(after ? { search_after: decodePageCursor(after) } : {}),
    });
    const hits = response.hits.hits;
    const entries = hits.flatMap((h) => (h._source ? [h._source] : []));
    const last = hits[hits.length - 1];
    const next =
      hits.length === limit && last?.sort
        ? Buffer.from(JSON.stringify(last.sort)).toString('base64url')
        : null;
    return { entries, next };
  }
}
