import { errors, type estypes } from '@elastic/elasticsearch';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_BATCH_REPORTS, type ReportBatchLine } from '@sightline/schema/reports';
import { type EsSearchResponse } from '../reports';
import { MemoryCounterStore } from './rate-limit/counter-store';
import { SharedRateLimiter } from './rate-limit/limiter';
import { FakeEs, testApp, TOKENS } from './test-support';

const byResult = { timeRange: { last: '7d' }, view: { type: 'breakdown', groupBy: 'result' } };
const byFactor = { timeRange: { last: '7d' }, view: { type: 'breakdown', groupBy: 'factor' } };
const overTime = { timeRange: { last: '24h' }, view: { type: 'timeseries', interval: '1h' } };

async function linesOf(res: Response): Promise<ReportBatchLine[]> {
  const text = await res.text();
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ReportBatchLine);
}

const batch = (reports: unknown[]) => ({ token: TOKENS.acme, body: { reports } });

/**
 * Elasticsearch whose searches for a report wait until the test lets that report (named by its
 * aggregation's field, or the field a presence probe asks about) go; from then on its searches (a
 * breakdown's probes, then its counts) answer.
 */
class HeldEs extends FakeEs {
  readonly held = new Map<string, () => void>();
  readonly released = new Set<string>();
  /** Searches cancelled while held, by field. */
  readonly cancelled: string[] = [];
  release(field: string): void {
    this.released.add(field);
    this.held.get(field)?.();
  }
  override async search(request: estypes.SearchRequest, options?: { signal?: AbortSignal }) {
    const field = JSON.stringify(request.aggs ?? request.query ?? {}).match(/"field":"([^"]+)"/)?.[1] ?? '';
    if (!this.released.has(field))
      await new Promise<void>((resolve, reject) => {
        this.held.set(field, resolve);
        const signal = options?.signal;
        signal?.addEventListener(
          'abort',
          () => {
            if (!this.released.has(field)) this.cancelled.push(field);
            reject(signal.reason as Error);
          },
          { once: true },
        );
      });
    return super.search(request) as Promise<EsSearchResponse>;
  }
}

describe('POST /api/reports/batch', () => {
  it('answers each report on a line of its own, by its place in the request, as /api/reports/run would', async () => {
    const { call } = testApp();
    const res = await call('/api/reports/batch', batch([byResult, overTime, byFactor]));
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = await linesOf(res);
    expect(lines.map((l) => l.index).sort()).toEqual([0, 1, 2]);
    for (const [index, definition] of [byResult, overTime, byFactor].entries()) {
      const alone = await (await call('/api/reports/run', { token: TOKENS.acme, body: definition })).json();
      expect(lines.find((l) => l.index === index)).toEqual({ index, result: alone });
    }
  });

  it('writes each answer as soon as its report finishes, not after the slowest', async () => {
    const es = new HeldEs();
    const { call } = testApp(es);
    const res = await call('/api/reports/batch', batch([byResult, byFactor]));
    await vi.waitFor(() => expect(es.held.size).toBe(2));
    es.release('factor');
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(JSON.parse(first)).toMatchObject({ index: 1, result: { view: 'breakdown' } });
    es.release('result');
    const second = new TextDecoder().decode((await reader.read()).value);
    expect(JSON.parse(second)).toMatchObject({ index: 0, result: { view: 'breakdown' } });
    expect((await reader.read()).done).toBe(true);
  });

  it('gives a bad definition its own 400 line, naming the problem, and answers the others', async () => {
    const { call } = testApp();
    const bad = { timeRange: { last: '7d' }, view: { type: 'breakdown', groupBy: 'txid' } };
    const lines = await linesOf(await call('/api/reports/batch', batch([byResult, bad])));
    expect(lines.find((l) => l.index === 0)).toMatchObject({ result: { view: 'breakdown' } });
    expect(lines.find((l) => l.index === 1)).toMatchObject({
      error: {
        status: 400,
        code: 'invalid_request',
        message: expect.stringContaining('view.groupBy') as string,
        issues: [{ path: 'view.groupBy' }],
      },
    });
  });

  it('says on each line when Elasticsearch is unavailable, with when to retry', async () => {
    const es = new FakeEs();
    es.failure = new errors.ConnectionError('connect ECONNREFUSED');
    const { call } = testApp(es);
    const lines = await linesOf(await call('/api/reports/batch', batch([byResult, byFactor])));
    expect(lines).toHaveLength(2);
    for (const line of lines)
      expect(line).toMatchObject({ error: { status: 503, code: 'unavailable', retryAfter: 5 } });
  });

  it('cancels the searches still running when the caller leaves', async () => {
    const es = new HeldEs();
    const { app } = testApp(es);
    const caller = new AbortController();
    const res = await app.request('/api/reports/batch', {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKENS.acme}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reports: [byResult, byFactor] }),
      signal: caller.signal,
    });
    await vi.waitFor(() => expect(es.held.size).toBe(2));
    es.release('result');
    caller.abort();
    await res.body?.cancel().catch(() => undefined);
    await vi.waitFor(() => expect(es.cancelled).toEqual(['factor']));
  });

  it.each([
    [{ reports: [] }, 'reports: a batch holds at least one report'],
    [
      { reports: Array.from({ length: MAX_BATCH_REPORTS + 1 }, () => byResult) },
      `reports: a batch holds at most ${MAX_BATCH_REPORTS} reports`,
    ],
    [{ reports: byResult }, 'reports:'],
    [{ reports: [byResult], extra: 1 }, 'extra'],
  ])('refuses a malformed batch as a whole with a 400 naming it (%#)', async (body, named) => {
    const { call } = testApp();
    const res = await call('/api/reports/batch', { token: TOKENS.acme, body });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(named);
  });

  it('needs a token, and an admin token names its customer', async () => {
    const { call } = testApp();
    expect((await call('/api/reports/batch', { body: { reports: [byResult] } })).status).toBe(401);
    expect(
      (await call('/api/reports/batch', { token: TOKENS.admin, body: { reports: [byResult] } })).status,
    ).toBe(400);
  });
});

describe('a batch and the rate limit', () => {
  const limiters: SharedRateLimiter[] = [];
  afterEach(() => limiters.splice(0).forEach((l) => l.close()));

  it('counts every report of a batch as one request, and refuses a batch that passes the limit', async () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 10);
    const limiter = new SharedRateLimiter({
      store: new MemoryCounterStore(),
      now: () => now,
      syncIntervalMs: 60_000,
    });
    limiters.push(limiter);
    const policy = { name: 'token', limit: 5, windowSeconds: 60 };
    const { call } = testApp(undefined, { rateLimits: { limiter, perToken: policy, failedAuth: policy } });
    const three = await call('/api/reports/batch', batch([byResult, byFactor, overTime]));
    expect(three.status).toBe(200);
    expect(three.headers.get('RateLimit')).toBe('"token";r=2;t=50');
    const refused = await call('/api/reports/batch', batch([byResult, byFactor, overTime]));
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });
});
