import type { Client } from '@elastic/elasticsearch';
import { ownIndexCreator } from '../store/own-index';
import type { Difference } from './diff';
import type { Fingerprint } from './fingerprint';

/** The rebuilt versions of each period and how they were built; one document per version, by index name. */
export const VERSIONS_INDEX = 'sightline-versions';
/** Every switch, rollback, refusal and forced switch of a period: the audit and the rollback history. */
export const SWITCHES_INDEX = 'sightline-version-switches';

export interface VersionRecord {
  index: string;
  period: string;
  revision: number;
  mapping_version: number;
  /** building until every planned range was replayed; built after; retired once deleted. */
  state: 'building' | 'built' | 'retired';
  created: string;
  built_at?: string;
  retired_at?: string;
  topic: string;
  /** Per partition, where the replay's record ended: a switch catches up from there. */
  recorded_end: Record<string, string>;
  ranges: number;
  read: number;
  stored: number;
  rejected: number;
  fingerprint?: Fingerprint;
}

export interface SwitchRecord {
  at: string;
  period: string;
  kind: 'switch' | 'rollback';
  outcome: 'switched' | 'refused';
  from: string;
  to: string;
  forced: boolean;
  reason?: string;
  differences: string[];
  /** Per partition, the firehose offset from which the version switched away from missed live writes. */
  handover?: Record<string, string>;
}

const ensureVersions = (es: Client) =>
  ownIndexCreator(es, VERSIONS_INDEX, {
    dynamic: 'strict',
    properties: {
      index: { type: 'keyword' },
      period: { type: 'keyword' },
      revision: { type: 'long' },
      mapping_version: { type: 'long' },
      state: { type: 'keyword' },
      created: { type: 'date' },
      built_at: { type: 'date' },
      retired_at: { type: 'date' },
      topic: { type: 'keyword' },
      recorded_end: { type: 'object', enabled: false },
      ranges: { type: 'long' },
      read: { type: 'long' },
      stored: { type: 'long' },
      rejected: { type: 'long' },
      fingerprint: { type: 'object', enabled: false },
    },
  });

const ensureSwitches = (es: Client) =>
  ownIndexCreator(es, SWITCHES_INDEX, {
    dynamic: 'strict',
    properties: {
      at: { type: 'date' },
      period: { type: 'keyword' },
      kind: { type: 'keyword' },
      outcome: { type: 'keyword' },
      from: { type: 'keyword' },
      to: { type: 'keyword' },
      forced: { type: 'boolean' },
      reason: { type: 'text' },
      differences: { type: 'text' },
      handover: { type: 'object', enabled: false },
    },
  });

/** The versions registry and the switch history in Elasticsearch: shared by every operator's process. */
export class VersionRegistry {
  private readonly versionsReady: () => Promise<void>;
  private readonly switchesReady: () => Promise<void>;

  constructor(private readonly es: Client) {
    this.versionsReady = ensureVersions(es);
    this.switchesReady = ensureSwitches(es);
  }

  async put(record: VersionRecord): Promise<void> {
    await this.versionsReady();
    await this.es.index({ index: VERSIONS_INDEX, id: record.index, document: record, refresh: 'wait_for' });
  }

  async get(index: string): Promise<VersionRecord | null> {
    await this.versionsReady();
    const found = await this.es.get<VersionRecord>({ index: VERSIONS_INDEX, id: index }, { ignore: [404] });
    return found.found ? (found._source ?? null) : null;
  }

  /** The registered versions, of one period or of all, by period then revision. */
  async list(period?: string): Promise<VersionRecord[]> {
    await this.versionsReady();
    const found = await this.es.search<VersionRecord>({
      index: VERSIONS_INDEX,
      size: 10_000,
      query: period ? { term: { period } } : { match_all: {} },
      sort: [{ period: 'asc' }, { revision: 'asc' }],
    });
    return found.hits.hits.map((h) => h._source!);
  }

  async recordSwitch(record: SwitchRecord): Promise<void> {
    await this.switchesReady();
    await this.es.index({ index: SWITCHES_INDEX, document: record, refresh: 'wait_for' });
  }

  /** A period's switches that moved the alias, newest first. */
  async switches(period: string): Promise<SwitchRecord[]> {
    await this.switchesReady();
    const found = await this.es.search<SwitchRecord>({
      index: SWITCHES_INDEX,
      size: 1000,
      query: { bool: { filter: [{ term: { period } }, { term: { outcome: 'switched' } }] } },
      sort: [{ at: 'desc' }],
    });
    return found.hits.hits.map((h) => h._source!);
  }
}

/** The differences of a comparison as the history keeps them: one line each. */
export function differenceLines(differences: readonly Difference[]): string[] {
  return differences.map((d) => `${d.refuses ? 'refused: ' : ''}${d.text}`);
}
