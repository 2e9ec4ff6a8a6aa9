import { describe, expect, it } from 'vitest';
import { SEARCH_TIMEOUT_MS } from './es';
import { FakeEs, testApp, TOKENS } from './test-support';

const definitions = [
  { timeRange: { last: '7d' }, view: { type: 'breakdown', groupBy: 'result' } },
  { timeRange: { last: '7d' }, view: { type: 'timeseries', stackBy: 'result' } },
  { timeRange: { last: '7d' }, view: { type: 'log' } },
];

describe('every report search is bounded in time', () => {
  it('asks Elasticsearch to stop collecting after the search timeout', async () => {
    const { call, es } = testApp();
    for (const body of definitions)
      expect((await call('/api/reports/run', { token: TOKENS.acme, body })).status).toBe(200);
    expect((await call('/api/logs?last=1d', { token: TOKENS.acme })).status).toBe(200);
    expect(es.requests.length).toBeGreaterThanOrEqual(4);
    for (const request of es.requests) expect(request.timeout).toBe(`${SEARCH_TIMEOUT_MS}ms`);
  });

  it('answers 503 with Retry-After, never partial numbers, when Elasticsearch ran out of time', async () => {
    const es = new FakeEs();
    const respond = es.respond;
    es.respond = (request) => ({ ...respond(request), timed_out: true }) as ReturnType<typeof respond>;
    const { call } = testApp(es);
    const res = await call('/api/reports/run', { token: TOKENS.acme, body: definitions[0] });
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).not.toBeNull();
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      `within ${SEARCH_TIMEOUT_MS / 1000}s`,
    );
  });

  it('answers 503 with Retry-After, never partial numbers, when some shards could not be searched', async () => {
    const es = new FakeEs();
    const respond = es.respond;
    es.respond = (request) =>
      ({
        ...respond(request),
        _shards: { total: 3, successful: 2, skipped: 0, failed: 1 },
      }) as ReturnType<typeof respond>;
    const { call } = testApp(es);
    const res = await call('/api/reports/run', { token: TOKENS.acme, body: definitions[0] });
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).not.toBeNull();
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      "Elasticsearch could not search 1 shard of this report's data; retry shortly",
    );
  });
});
