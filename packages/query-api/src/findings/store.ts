import { createHash, randomUUID } from 'node:crypto';
import type { Client, estypes } from '@elastic/elasticsearch';
import {
  type Finding,
  type FindingAuditEntry,
  type FindingPage,
  type FindingStatus,
  type SettableStatus,
  SEVERITIES,
  type StoredFinding,
} from '@sightline/schema/api';
import { ownIndexCreator } from '../store/own-index';
import {
  FINDING_AUDIT_INDEX,
  FINDING_MUTES_INDEX,
  FINDINGS_INDEX,
  findingAuditMapping,
  findingsMapping,
  mutesMapping,
} from './mapping';
import type { FindingListQuery } from './params';
import { encodeFindingCursor, esSortOf, severityRanking } from './sort';

/** Index names; tests give each run its own. */
export interface FindingIndices {
  findings: string;
  mutes: string;
  audit: string;
}

export const DEFAULT_FINDING_INDICES: FindingIndices = {
  findings: FINDINGS_INDEX,
  mutes: FINDING_MUTES_INDEX,
  audit: FINDING_AUDIT_INDEX,
};

/** One status change as audited (the type lives with the audit's route, for the client). */
export type { FindingAuditEntry };

export interface StatusChange {
  customer: string;
  id: string;
  status: SettableStatus;
  /** true mutes the finding's type for its user, false lifts that mute, undefined leaves it. */
  mute?: boolean | undefined;
  note?: string | undefined;
  /** The token's name. */
  token: string;
  at: string;
}

/** A finding Elasticsearch refused to store: retrying the same document cannot help. */
export class FindingRefusedError extends Error {
  override name = 'FindingRefusedError';
}

/** A mute names a user; findings about an address or a network have none. */
export class MuteWithoutUserError extends Error {
  override name = 'MuteWithoutUserError';
  constructor() {
    super('this finding is about no user, so its pattern cannot be muted for one');
  }
}

/** The mute document of one customer, user and finding type. */
export function muteId(customer: string, user: string, type: string): string {
  return createHash('sha256')
    .update(JSON.stringify([customer, user, type]))
    .digest('hex')
    .slice(0, 32);
}

/**
 * Findings in Elasticsearch. The detector upserts by finding id (a replay updates, never duplicates)
 * and never writes the status of a finding that exists: what an admin decided stays. The API reads,
 * pages and sets the status, each change audited.
 */
export class EsFindingStore {
  readonly #ensure: (() => Promise<void>)[];

  constructor(
    private readonly es: Client,
    readonly indices: FindingIndices = DEFAULT_FINDING_INDICES,
  ) {
    this.#ensure = [
      ownIndexCreator(es, indices.findings, findingsMapping),
      ownIndexCreator(es, indices.mutes, mutesMapping),
      ownIndexCreator(es, indices.audit, findingAuditMapping),
    ];
  }

  /** Creates the three indices with their strict mappings the first time. */
  async ensureIndices(): Promise<void> {
    await Promise.all(this.#ensure.map((ensure) => ensure()));
  }

  /** Muted `user\u0000type` pairs of the customers named. */
  async mutedPatterns(customers: readonly string[]): Promise<Set<string>> {
    const muted = new Set<string>();
    if (customers.length === 0) return muted;
    const response = await this.es.search<{ customer: string; user: string; type: string }>({
      index: this.indices.mutes,
      size: 10_000,
      track_total_hits: false,
      query: { terms: { customer: [...customers] } },
    });
    for (const hit of response.hits.hits) {
      const m = hit._source;
      if (m) muted.add(patternKey(m.customer, m.user, m.type));
    }
    return muted;
  }

  /**
   * Stores what the detector found: a new finding opens (or is `muted`, when its pattern is muted for
   * its user); an existing one takes the new evidence and keeps its status.
   */
  async upsert(findings: readonly Finding[], now: string): Promise<void> {
    if (findings.length === 0) return;
    await this.ensureIndices();
    const muted = await this.mutedPatterns([...new Set(findings.map((f) => f.customer))]);
    const operations = findings.flatMap((finding) => {
      const doc = { ...finding, updatedAt: now };
      const status: FindingStatus =
        finding.user !== null && muted.has(patternKey(finding.customer, finding.user, finding.type))
          ? 'muted'
          : 'open';
      const created: StoredFinding = { ...doc, status, statusChangedAt: null, statusChangedBy: null };
      return [{ update: { _index: this.indices.findings, _id: finding.id } }, { doc, upsert: created }];
    });
    const response = await this.es.bulk({ operations });
    if (!response.errors) return;
    const failed = response.items.flatMap((item) => (item.update?.error ? [item.update] : []));
    const transient = failed.find((item) => item.status === 429 || item.status >= 500);
    const first = failed[0]!;
    const message = `${failed.length} findings not stored: ${first.error?.type}: ${first.error?.reason ?? ''}`;
    // Overload or an unavailable shard: the caller retries. A refusal (mapping) is the code's fault.
    if (transient) throw new Error(message);
    throw new FindingRefusedError(message);
  }

  /** One page of a customer's findings in the order asked (newest by last evidence by default). */
  async list(customer: string, query: FindingListQuery): Promise<FindingPage> {
    await this.ensureIndices();
    const filter: estypes.QueryDslQueryContainer[] = [{ term: { customer } }];
    if (query.type) filter.push({ terms: { type: query.type } });
    if (query.status) filter.push({ terms: { status: query.status } });
    else filter.push({ bool: { must_not: { term: { status: 'muted' } } } });
    if (query.severity)
      filter.push({ terms: { severity: SEVERITIES.slice(SEVERITIES.indexOf(query.severity)) } });
    if (query.user) filter.push({ term: { user: query.user } });
    // A finding belongs to a range when its evidence overlaps it.
    if (query.from) filter.push({ range: { lastSeen: { gte: query.from } } });
    if (query.to) filter.push({ range: { firstSeen: { lt: query.to } } });
    const response = await this.es.search<StoredFinding>({
      index: this.indices.findings,
      size: query.pageSize,
      track_total_hits: false,
      query: { bool: { filter, ...(query.sort === 'severity' ? { should: severityRanking() } : {}) } },
      sort: esSortOf(query.sort),
      ...(query.cursor ? { search_after: query.cursor.after } : {}),
    });
    const hits = response.hits.hits;
    const findings = hits.flatMap((h) => (h._source ? [h._source] : []));
    const last = hits[hits.length - 1]?.sort;
    const full = hits.length === query.pageSize;
    return { findings, nextCursor: full && last ? encodeFindingCursor(query.sort, last) : null };
  }

  /** The customer's finding with this id; null for an unknown id or another customer's finding. */
  async get(customer: string, id: string): Promise<StoredFinding | null> {
    await this.ensureIndices();
    const response = await this.es.get<StoredFinding>(
      { index: this.indices.findings, id },
      { ignore: [404] },
    );
    const finding = response.found ? response._source : undefined;
    return finding && finding.customer === customer ? finding : null;
  }

  /**
   * Sets an admin's status (and mutes or unmutes the pattern), audits the change, and returns the
   * finding as now stored; null when the customer has no such finding.
   */
  async setStatus(change: StatusChange): Promise<{ finding: StoredFinding; muted: boolean } | null> {
    const before = await this.get(change.customer, change.id);
    if (!before) return null;
    if (change.mute !== undefined && before.user === null) throw new MuteWithoutUserError();
    const patch = { status: change.status, statusChangedAt: change.at, statusChangedBy: change.token };
    // Only the status fields: the detector may be updating the evidence meanwhile, and each update
    // merges into the document as it is then.
    await this.es.update({
      index: this.indices.findings,
      id: change.id,
      doc: patch,
      refresh: 'wait_for',
    });
    if (before.user !== null && change.mute !== undefined) {
      const id = muteId(change.customer, before.user, before.type);
      if (change.mute) {
        await this.es.index({
          index: this.indices.mutes,
          id,
          document: {
            customer: change.customer,
            user: before.user,
            type: before.type,
            finding: before.id,
            token: change.token,
            at: change.at,
          },
          refresh: 'wait_for',
        });
      } else {
        await this.es.delete({ index: this.indices.mutes, id, refresh: 'wait_for' }, { ignore: [404] });
      }
    }
    const entry: FindingAuditEntry = {
      id: randomUUID(),
      token: change.token,
      customer: change.customer,
      finding: before.id,
      type: before.type,
      user: before.user,
      at: change.at,
      from: before.status,
      to: change.status,
      mute: change.mute ?? null,
      note: change.note ?? null,
    };
    // Waited for, as the status is: the admin who made the change may open its history next.
    await this.es.index({ index: this.indices.audit, id: entry.id, document: entry, refresh: 'wait_for' });
    const muted =
      before.user !== null &&
      (await this.mutedPatterns([change.customer])).has(
        patternKey(change.customer, before.user, before.type),
      );
    const after = await this.get(change.customer, change.id);
    return { finding: after ?? { ...before, ...patch }, muted };
  }
}

function patternKey(customer: string, user: string, type: string): string {
  return `${customer}\u0000${user}\u0000${type}`;
}
