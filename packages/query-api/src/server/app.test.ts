import { errors } from '@elastic/elasticsearch';
import { describe, expect, it, vi } from 'vitest';
import { FakeEs, testApp, TOKENS } from './test-support';

const breakdown = { timeRange: { last: '7d' }, view: { type: 'breakdown', groupBy: 'result' } };

async function errorOf(response: Response) {
  const body = (await response.json()) as {
    error: { code: string; message: string; issues?: { path: string; message: string }[] };
  };
  return body.error;
}

describe('authentication and tenancy', () => {
  it('401 with a challenge when there is no token, or an unknown one', async () => {
    const { call } = testApp();
    const none = await call('/api/reports');
    expect(none.status).toBe(401);
    expect(none.headers.get('WWW-Authenticate')).toBe('Bearer realm="sightline"');
    expect(await errorOf(none)).toMatchObject({ code: 'unauthorized' });
    const wrong = await call('/api/reports', { token: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('WWW-Authenticate')).toContain('invalid_token');
  });

  it('scopes a customer token to its customer, whatever the body says', async () => {
    const { call, es } = testApp();
    const res = await call('/api/reports/run', { token: TOKENS.acme, body: breakdown });
    expect(res.status).toBe(200);
    expect(es.lastTenant()).toBe('acme');
  });

  it('403 when a customer token names another customer, by query or header', async () => {
    const { call, es } = testApp();
    const byQuery = await call('/api/reports/run?customer=globex', { token: TOKENS.acme, body: breakdown });
    expect(byQuery.status).toBe(403);
    const byHeader = await call('/api/logs', {
      token: TOKENS.acme,
      headers: { 'X-Sightline-Customer': 'globex' },
    });
    expect(byHeader.status).toBe(403);
    expect(await errorOf(byHeader)).toMatchObject({ code: 'forbidden' });
    expect(es.requests).toHaveLength(0);
  });

  it('lets an admin name any customer, and asks it to name one', async () => {
    const { call, es } = testApp();
    expect(
      (await call('/api/reports/auth-summary/run?customer=globex', { token: TOKENS.admin })).status,
    ).toBe(200);
    expect(es.lastTenant()).toBe('globex');
    expect(
      (await call('/api/logs', { token: TOKENS.admin, headers: { 'X-Sightline-Customer': 'initech' } }))
        .status,
    ).toBe(200);
    expect(es.lastTenant()).toBe('initech');
    const unnamed = await call('/api/reports/auth-summary/run', { token: TOKENS.admin });
    expect(unnamed.status).toBe(400);
    expect((await errorOf(unnamed)).message).toContain('must name a customer');
  });
});

describe('validation errors', () => {
  it('400 with the path and reason of each problem', async () => {
    const { call, es } = testApp();
    const res = await call('/api/reports/run', {
      token: TOKENS.acme,
      body: {
        timeRange: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
        filters: {
          and: [
            { field: 'customer_id', op: 'eq', value: 'globex' },
            { field: 'factor', op: 'search', value: 'x' },
          ],
        },
        view: { type: 'breakdown', groupBy: 'ts', top: 500 },
      },
    });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_request');
    expect(error.issues).toEqual([
      { path: 'timeRange.from', message: 'time range: from is not before to' },
      { path: 'filters.and.0.field', message: "field 'customer_id' cannot be used in a filter" },
      { path: 'filters.and.1.field', message: expect.stringContaining("field 'factor' is not searchable") },
      { path: 'view.groupBy', message: "field 'ts' cannot be grouped by" },
      { path: 'view.top', message: expect.stringContaining('100') },
    ]);
    expect(error.message).toContain("field 'ts' cannot be grouped by");
    expect(es.requests).toHaveLength(0);
  });

  it('names unknown fields and page sizes over the limit in GET /api/logs', async () => {
    const { call } = testApp();
    const unknown = await call('/api/logs?colour=red', { token: TOKENS.acme });
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).message).toContain("unknown query parameter 'colour'");
    const big = await call('/api/logs?pageSize=5000', { token: TOKENS.acme });
    expect((await errorOf(big)).issues).toEqual([
      { path: 'view.pageSize', message: 'pageSize may be at most 1000' },
    ]);
    const badFilter = await call(
      `/api/logs?filter=${encodeURIComponent('{"field":"seq","op":"eq","value":1}')}`,
      { token: TOKENS.acme },
    );
    expect((await errorOf(badFilter)).message).toContain("field 'seq' cannot be used in a filter");
  });

  it('400 for malformed JSON, 404 for unknown reports and routes, 413 for huge bodies', async () => {
    const { call } = testApp();
    expect((await call('/api/reports/run', { token: TOKENS.acme, body: '{not json' })).status).toBe(400);
    const missing = await call('/api/reports/nope/run', { token: TOKENS.acme });
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).message).toContain("no built-in report 'nope'");
    expect((await call('/api/nothing', { token: TOKENS.acme })).status).toBe(404);
    const huge = await call('/api/reports/run', {
      token: TOKENS.acme,
      body: { ...breakdown, pad: 'x'.repeat(100_000) },
    });
    expect(huge.status).toBe(413);
  });

  it('overrides a built-in report range from the query, validating it', async () => {
    const { call, es } = testApp();
    expect(
      (await call('/api/reports/attempts-over-time/run?last=1h&tz=Europe/Berlin', { token: TOKENS.acme }))
        .status,
    ).toBe(200);
    const hist = (
      es.requests.at(-1)!.aggs!.over_time as {
        date_histogram: { time_zone: string; calendar_interval: string };
      }
    ).date_histogram;
    expect(hist).toMatchObject({ time_zone: 'Europe/Berlin', calendar_interval: '1m' });
    const bad = await call(
      '/api/reports/auth-summary/run?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      { token: TOKENS.acme },
    );
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues?.[0]?.path).toBe('timeRange.from');
  });
});

describe('built-in report query parameters', () => {
  it('names each unknown parameter instead of ignoring it, before searching', async () => {
    const { call, es } = testApp();
    const res = await call('/api/reports/auth-summary/run?last=1h&colour=red&limit=5', {
      token: TOKENS.acme,
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).issues).toEqual([
      {
        path: 'colour',
        message: "unknown query parameter 'colour' (this route takes last, from, to, tz, customer)",
      },
      {
        path: 'limit',
        message: "unknown query parameter 'limit' (this route takes last, from, to, tz, customer)",
      },
    ]);
    expect(es.requests).toHaveLength(0);
  });

  it('gives one message, on the missing end, for a range with only from or only to', async () => {
    const { call } = testApp();
    const fromOnly = await call('/api/reports/auth-summary/run?from=2026-01-01T00:00:00Z', {
      token: TOKENS.acme,
    });
    expect(fromOnly.status).toBe(400);
    expect((await errorOf(fromOnly)).issues).toEqual([
      { path: 'to', message: "'from' needs 'to' as well: an absolute range has both ends (or use 'last')" },
    ]);
    const toOnly = await call('/api/reports/auth-summary/run?to=2026-01-01T00:00:00Z', {
      token: TOKENS.acme,
    });
    expect((await errorOf(toOnly)).issues).toEqual([
      { path: 'from', message: "'to' needs 'from' as well: an absolute range has both ends (or use 'last')" },
    ]);
  });

  it('hands Elasticsearch the canonical name of an alias time zone it would refuse', async () => {
    const { call, es } = testApp();
    const res = await call('/api/reports/attempts-over-time/run?last=1h&tz=utc', { token: TOKENS.acme });
    expect(res.status).toBe(200);
    const hist = (es.requests.at(-1)!.aggs!.over_time as { date_histogram: { time_zone: string } })
      .date_histogram;
    expect(hist.time_zone).toBe('UTC');
    expect(((await res.json()) as { meta: { timeZone: string } }).meta.timeZone).toBe('UTC');
  });

  it('names the canonical IANA zone in the response, not the older name it was asked with', async () => {
    const { call, es } = testApp();
    const res = await call('/api/reports/attempts-over-time/run?last=1h&tz=Asia/Calcutta', {
      token: TOKENS.acme,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { meta: { timeZone: string } }).meta.timeZone).toBe('Asia/Kolkata');
    const hist = (es.requests.at(-1)!.aggs!.over_time as { date_histogram: { time_zone: string } })
      .date_histogram;
    expect(hist.time_zone).toBe('Asia/Kolkata');
  });
});

describe('Elasticsearch failures', () => {
  const unavailable = [
    ['connection refused', new errors.ConnectionError('connect ECONNREFUSED')],
    ['timeout', new errors.TimeoutError('Request timed out')],
    [
      '503 from Elasticsearch',
      new errors.ResponseError({ body: {}, statusCode: 503, headers: {}, warnings: null, meta: {} as never }),
    ],
  ] as const;
  it.each(unavailable)('%s → 503 with Retry-After', async (_name, failure) => {
    const es = new FakeEs();
    es.failure = failure;
    const { call } = testApp(es);
    const res = await call('/api/reports/run', { token: TOKENS.acme, body: breakdown });
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('5');
    expect(await errorOf(res)).toMatchObject({ code: 'unavailable' });
    const health = await call('/api/health');
    expect(health.status).toBe(503);
    es.failure = null;
    expect((await call('/api/reports/run', { token: TOKENS.acme, body: breakdown })).status).toBe(200);
  });

  const refusal = (body: unknown) =>
    new errors.ResponseError({ body, statusCode: 400, headers: {}, warnings: null, meta: {} as never });

  it('a search Elasticsearch refuses as malformed is a 400 with its short root cause, not a 500', async () => {
    const es = new FakeEs();
    es.failure = refusal({
      error: {
        root_cause: [
          {
            type: 'x_content_parse_exception',
            reason: '[1:92] [date_histogram] failed to parse field [time_zone]',
          },
        ],
        type: 'x_content_parse_exception',
        reason: '[1:92] [date_histogram] failed to parse field [time_zone]',
        caused_by: { type: 'zone_rules_exception', reason: 'Unknown time-zone ID: Mars/Olympus' },
      },
      status: 400,
    });
    const { call } = testApp(es);
    const quiet = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const res = await call('/api/reports/run', { token: TOKENS.acme, body: breakdown });
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toEqual({
        code: 'invalid_request',
        message:
          'Elasticsearch cannot run this request: [date_histogram] failed to parse field [time_zone]: Unknown time-zone ID: Mars/Olympus',
        issues: [
          {
            path: '',
            message: '[date_histogram] failed to parse field [time_zone]: Unknown time-zone ID: Mars/Olympus',
          },
        ],
      });
    } finally {
      quiet.mockRestore();
    }
  });

  it('names no index and repeats nothing when every shard refused the search', async () => {
    const reason =
      'failed to parse date field [1.0E300] with format [epoch_millis]: [failed to parse date field [1.0E300] with format [epoch_millis]]';
    const es = new FakeEs();
    es.failure = refusal({
      error: {
        root_cause: [{ type: 'parse_exception', reason, index: 'sightline-authlog-v1-2026.08' }],
        type: 'search_phase_execution_exception',
        reason: 'all shards failed',
        failed_shards: [
          { shard: 0, index: 'sightline-authlog-v1-2026.08', reason: { type: 'parse_exception', reason } },
        ],
      },
      status: 400,
    });
    const { call } = testApp(es);
    const quiet = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const res = await call('/api/reports/run', { token: TOKENS.acme, body: breakdown });
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).not.toContain('sightline-authlog');
      expect((JSON.parse(text) as { error: { issues: unknown } }).error.issues).toEqual([
        { path: '', message: 'failed to parse date field [1.0E300] with format [epoch_millis]' },
      ]);
    } finally {
      quiet.mockRestore();
    }
  });

  it('anything unexpected is a 500 without internals', async () => {
    const es = new FakeEs();
    es.failure = new Error('secret detail at /srv/x.ts:1');
    const { call } = testApp(es);
    const original = console.error;
    console.error = () => {};
    try {
      const res = await call('/api/reports/run', { token: TOKENS.acme, body: breakdown });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain('secret');
      expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error' } });
    } finally {
      console.error = original;
    }
  });

  it('a search cancelled because its caller left is not logged as a server fault', async () => {
    const es = new FakeEs();
    const { app } = testApp(es);
    const caller = new AbortController();
    es.respond = () => {
      caller.abort();
      throw new errors.RequestAbortedError('Request aborted');
    };
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const res = await app.request('/api/reports/auth-summary/run', {
        headers: { Authorization: `Bearer ${TOKENS.acme}` },
        signal: caller.signal,
      });
      expect(res.status).toBe(499);
      expect(logged).toEqual([]);
    } finally {
      console.error = original;
    }
  });
});

describe('open routes and CORS', () => {
  it('serves health and an OpenAPI 3.1 document of every route without a token', async () => {
    const { call } = testApp();
    expect(await (await call('/api/health')).json()).toEqual({ status: 'ok', elasticsearch: 'green' });
    const doc = (await (await call('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, object>;
      components: { schemas: Record<string, object> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/alerts/webhook',
        '/api/alerts/webhook/deliveries',
        '/api/alerts/webhook/secret',
        '/api/alerts/webhook/test',
        '/api/customers',
        '/api/data-health/loads',
        '/api/data-health/quality',
        '/api/data-health/sources',
        '/api/data-health/versions',
        '/api/exports/audit',
        '/api/fields',
        '/api/findings',
        '/api/findings/audit',
        '/api/findings/{id}/status',
        '/api/freshness',
        '/api/health',
        '/api/logs',
        '/api/logs/export',
        '/api/openapi.json',
        '/api/pipeline',
        '/api/pipeline/metrics',
        '/api/reports',
        '/api/reports/batch',
        '/api/reports/run',
        '/api/reports/{id}/run',
        '/api/views',
        '/api/views/{id}',
      ].sort(),
    );
    expect(doc.components.schemas.FilterNode).toBeDefined();
    expect(doc.components.schemas.PipelineHealth).toBeDefined();
    expect(doc.components.schemas.Finding).toBeDefined();
    expect(doc.components.schemas.FindingAuditPage).toBeDefined();
    expect(doc.components.schemas.WebhookDelivery).toBeDefined();
    expect(doc.components.schemas.SavedView).toBeDefined();
    expect(doc.components.schemas.DataHealthVersions).toBeDefined();
    expect(JSON.stringify(doc)).not.toContain('#/$defs/');
  });

  it('answers CORS preflights from the dashboard dev server', async () => {
    const { app } = testApp();
    const res = await app.request('/api/reports/run', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');
  });

  it('lets an allowed origin read responses and their export headers, and no other origin', async () => {
    const { app } = testApp();
    const get = (origin: string) =>
      app.request('/api/reports', { headers: { Origin: origin, Authorization: `Bearer ${TOKENS.acme}` } });
    const allowed = await get('http://localhost:5173');
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('Access-Control-Expose-Headers')).toContain('Content-Disposition');
    expect(allowed.headers.get('Vary')).toContain('Origin');
    const other = await get('https://evil.example');
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('marks same-origin responses as varying by Origin so no cache serves them cross-origin', async () => {
    const { call } = testApp();
    const res = await call('/api/reports', { token: TOKENS.acme });
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(res.headers.get('Vary')).toBe('Origin');
  });
});
