import type { Client, estypes } from '@elastic/elasticsearch';
import { ownIndexCreator } from '../store/own-index';

/**
 * Paused sources: a source (a load-log stream: `mysql/<shard>`, `<topic>/<partition>`) whose loads a
 * failing quality check with the `pause` policy stopped, until an operator resumes it. Kept as events,
 * never updated: the history is the audit (who paused or resumed what, when, for which check and why),
 * and a source's state is its newest event.
 */
export const PAUSES_INDEX = 'sightline-source-pauses';

export interface PauseEvent {
  '@timestamp': string;
  source: string;
  action: 'pause' | 'resume';
  /** The check that paused it (absent on a resume, or a pause by hand). */
  check?: string;
  reason: string;
  /** Who acted: `quality-watch` for the runner, the operator's user name for a resume. */
  by: string;
}

const mappings: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    '@timestamp': { type: 'date' },
    source: { type: 'keyword' },
    action: { type: 'keyword' },
    check: { type: 'keyword' },
    reason: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 1024 } } },
    by: { type: 'keyword' },
  },
};

/** Every source's newest event (one per source), newest first: the request behind `paused`. */
export const PAUSED_REQUEST: estypes.SearchRequest = {
  index: PAUSES_INDEX,
  ignore_unavailable: true,
  size: 10_000,
  query: { match_all: {} },
  collapse: { field: 'source' },
  sort: [{ '@timestamp': 'desc' }],
};

/** The paused sources in an answer to PAUSED_REQUEST. */
export function pausedFrom(response: { hits?: { hits?: { _source?: unknown }[] } }): PauseEvent[] {
  return (response.hits?.hits ?? [])
    .map((h) => h._source as PauseEvent | undefined)
    .filter((e): e is PauseEvent => e?.action === 'pause');
}

export class PauseStore {
  private readonly ensure: () => Promise<void>;

  constructor(private readonly es: Client) {
    this.ensure = ownIndexCreator(es, PAUSES_INDEX, mappings);
  }

  /** The sources paused now, each with the event that paused it. */
  async paused(): Promise<PauseEvent[]> {
    return pausedFrom(await this.es.search<PauseEvent>(PAUSED_REQUEST));
  }

  /** The newest event of one source, or null when it was never paused. */
  async stateOf(source: string): Promise<PauseEvent | null> {
    const found = await this.es.search<PauseEvent>({
      index: PAUSES_INDEX,
      ignore_unavailable: true,
      size: 1,
      query: { term: { source } },
      sort: [{ '@timestamp': 'desc' }],
    });
    return found.hits.hits[0]?._source ?? null;
  }

  /** Pauses a source unless it is paused already; true when this call paused it. */
  async pause(source: string, check: string | undefined, reason: string, by: string): Promise<boolean> {
    if ((await this.stateOf(source))?.action === 'pause') return false;
    await this.append({ source, action: 'pause', ...(check ? { check } : {}), reason, by });
    return true;
  }

  /** Resumes a paused source; false when it was not paused (nothing recorded). */
  async resume(source: string, reason: string, by: string): Promise<boolean> {
    if ((await this.stateOf(source))?.action !== 'pause') return false;
    await this.append({ source, action: 'resume', reason, by });
    return true;
  }

  private async append(event: Omit<PauseEvent, '@timestamp'>): Promise<void> {
    await this.ensure();
    const at = new Date().toISOString();
    // Searches read it at once: a loader checking right after must see the pause.
    await this.es.index({
      index: PAUSES_INDEX,
      refresh: 'wait_for',
      document: { '@timestamp': at, ...event },
    });
  }
}

/**
 * What a loader asks before each read: is my source paused? Answered from Elasticsearch at most every
 * `ttlMs`, so a busy loader costs one search per interval, not per batch. When Elasticsearch cannot
 * answer, the last answer stands: a pause is not lifted by an outage, nor set by one.
 */
export class PauseWatch {
  private paused = new Map<string, PauseEvent>();
  private readAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: PauseStore,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  async pauseOf(source: string): Promise<PauseEvent | null> {
    await this.refresh();
    return this.known(source);
  }

  /** Reads the paused sources again once the last answer is older than the ttl. */
  async refresh(): Promise<void> {
    if (this.now() - this.readAt < this.ttlMs) return;
    try {
      this.paused = new Map((await this.store.paused()).map((e) => [e.source, e]));
    } catch {
      // Keep the last answer (see above); asked again at the next interval.
    }
    this.readAt = this.now();
  }

  /** The last answer for one source, without asking Elasticsearch: for callers that cannot wait. */
  known(source: string): PauseEvent | null {
    return this.paused.get(source) ?? null;
  }
}
