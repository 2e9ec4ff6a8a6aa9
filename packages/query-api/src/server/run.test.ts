import type { estypes } from '@elastic/elasticsearch';
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { randomCursorKey } from './cursor-key';
import { runReport } from './run';
import { FakeEs } from './test-support';
import { normalized } from '../reports/test-support';
import type { SummaryCoverageReader } from '../summaries/coverage';
import type { SummaryCoverage } from '../summaries/plan';
import type { EsSearchResponse } from '../reports';

const NOW = new Date('2026-11-20T10:15:30Z');
const SUMMARISED: SummaryCoverage = { through: Date.parse('2026-11-20T10:00:00Z') };
const DEFINITION = normalized({ timeRange: { last: '7d' }, view: { type: 'breakdown', groupBy: 'result' } });

/** Elasticsearch whose searches answer only when let go, each remembering the signal it was sent with. */
class HeldEs extends FakeEs {
  readonly signals: (AbortSignal | undefined)[] = [];
  private held: (() => void)[] = [];
  override async search(
    request: estypes.SearchRequest,
    options?: { signal?: AbortSignal },
  ): Promise<EsSearchResponse> {
    this.signals.push(options?.signal);
    await new Promise<void>((resolve, reject) => {
      this.held.push(resolve);
      options?.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
    return super.search(request);
  }
  letGo(): void {
    for (const release of this.held.splice(0)) release();
  }
}

/**
 * DEFINITION run on Elasticsearch that answers when let go, with a coverage reader whose last answer
 * is `last` and whose fresh read answers (or fails) when told.
 */
function start(last: { coverage: SummaryCoverage | undefined } | undefined, request?: AbortSignal) {
  const es = new HeldEs();
  let answer!: (coverage: SummaryCoverage | undefined) => void;
  let fail!: (error: Error) => void;
  const fresh = new Promise<SummaryCoverage | undefined>((resolve, reject) => {
    answer = resolve;
    fail = reject;
  });
  const read: SummaryCoverageReader = () => fresh;
  read.lastRead = () => last;
  const deps = { es, cursors: randomCursorKey(), summaries: read };
  const result = runReport(deps, DEFINITION, 'acme', NOW, request);
  return { es, answer, fail, result };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
/** Lets every search go, for as many passes as a report makes. */
async function letAllGo(es: HeldEs): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await tick();
    es.letGo();
  }
  await tick();
}

describe("a report on the summaries' last known reach", () => {
  it('starts searching before the fresh read answers, and answers from summaries once they agree', async () => {
    const request = new AbortController();
    const { es, answer, result } = start({ coverage: SUMMARISED }, request.signal);
    await tick();
    expect(es.signals.length).toBeGreaterThan(0);
    answer({ ...SUMMARISED });
    await letAllGo(es);
    expect((await result).meta.source).toBe('summaries');
    expect(es.signals.every((signal) => !signal?.aborted)).toBe(true);
    // Every search was the guess's: nothing ran again.
    expect(new Set(es.signals).size).toBe(1);
    // Nothing of this report is left listening on the request.
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
  });

  it('is not answered by a guess that finished first until the fresh read agrees, and runs again when it does not', async () => {
    let settled = false;
    const { es, answer, result } = start({ coverage: SUMMARISED });
    void result.finally(() => (settled = true));
    await letAllGo(es);
    const guessed = es.signals.length;
    expect(settled).toBe(false);
    answer(undefined);
    await letAllGo(es);
    expect((await result).meta.source).toBe('records');
    expect(es.signals.length).toBeGreaterThan(guessed);
  });

  it("cancels the guess's searches when the request is cancelled, and leaves no listener on it", async () => {
    const request = new AbortController();
    const { es, answer, result } = start({ coverage: SUMMARISED }, request.signal);
    await tick();
    request.abort(new Error('client went away'));
    answer(SUMMARISED);
    await expect(result).rejects.toThrow();
    expect(es.signals.length).toBeGreaterThan(0);
    expect(es.signals.every((signal) => signal?.aborted)).toBe(true);
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
  });

  it('starts no guess for a request already cancelled', async () => {
    const request = new AbortController();
    request.abort(new Error('client went away'));
    const { es, answer, result } = start({ coverage: SUMMARISED }, request.signal);
    result.catch(() => {});
    await tick();
    expect(es.signals).toHaveLength(0);
    answer(SUMMARISED);
    await tick();
    expect(es.signals.every((signal) => signal === request.signal)).toBe(true);
  });

  it('cancels the guess and runs again when the fresh read moved the reach', async () => {
    const { es, answer, result } = start({ coverage: SUMMARISED });
    await tick();
    const guessed = es.signals.length;
    expect(guessed).toBeGreaterThan(0);
    // A late load pulled the reach back: nothing of this week is summarised any more.
    answer(undefined);
    await tick();
    expect(es.signals.slice(0, guessed).every((signal) => signal?.aborted)).toBe(true);
    await letAllGo(es);
    expect((await result).meta.source).toBe('records');
  });

  it('waits for the fresh read when there is no recent answer to start on', async () => {
    const { es, answer, result } = start(undefined);
    await tick();
    expect(es.signals).toHaveLength(0);
    answer(SUMMARISED);
    await letAllGo(es);
    expect((await result).meta.source).toBe('summaries');
  });

  it("fails as the fresh read failed, and cancels the guess's searches", async () => {
    const { es, fail, result } = start({ coverage: SUMMARISED });
    await tick();
    fail(new Error('summary state unreadable'));
    await expect(result).rejects.toThrow('summary state unreadable');
    expect(es.signals.length).toBeGreaterThan(0);
    expect(es.signals.every((signal) => signal?.aborted)).toBe(true);
  });
});
