import type { estypes } from '@elastic/elasticsearch';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinReports } from '@sightline/schema/reports';
import { type EsSearchResponse } from '../reports';
import { fieldNames } from '@sightline/schema';
import { LOG_PARAMS } from './logs-params';
import { FakeEs, LEAK, testApp, TOKENS } from './test-support';

/**
 * Property-based fuzz of everything a caller controls on the report and log routes: definitions,
 * query parameters and cursors. Whatever arrives, the answer is below 500 and carries neither a stack
 * trace nor an index name.
 */

/** Elasticsearch with more rows than any page, so log pages carry real cursors to tamper with. */
function fullPages(): FakeEs {
  const es = new FakeEs();
  const empty = es.respond;
  const to = Date.parse('2026-11-20T10:00:00Z');
  es.respond = (request: estypes.SearchRequest): EsSearchResponse =>
    request.size
      ? {
          took: 1,
          hits: {
            total: { value: 50_000, relation: 'eq' },
            hits: Array.from({ length: request.size }, (_, i) => ({
              _source: { txid: `tx-${i}`, ts: new Date(to - i * 1000).toISOString(), customer_id: 'acme' },
              sort: [to - i * 1000, `tx-${i}`],
            })),
          },
        }
      : empty(request);
  return es;
}

const { call } = testApp(fullPages());

const sameBytes = (a: string, b: string) => {
  const [pa, pb] = [a.split('.'), b.split('.')];
  return (
    pa.length === pb.length &&
    pa.every((part, i) => Buffer.from(part, 'base64url').equals(Buffer.from(pb[i]!, 'base64url')))
  );
};

async function expectSafe(response: Response): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  expect(text).not.toMatch(LEAK);
}

const fields = fc.constantFrom(...fieldNames, 'nope', '', '__proto__', 'user', 'ts.keyword');
/** Any text, from plain words to control characters, lone surrogates and very long strings. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '*', '?', '\\', '"', '../', '%00', '\u0000', '\ud800', 'a'.repeat(5000)),
);
const scalar = fc.oneof(
  text,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e308),
);
const dates = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-11-20T00:00:00Z', '+275760-09-13T00:00:00Z', '0000-01-01T00:00:00Z', 'yesterday'),
  text,
);
const timeRange = fc.oneof(
  fc.record(
    {
      last: fc.oneof(fc.constantFrom('15m', '24h', '7d', '400d', '401d', '0d', '-1d', '9999999999d'), text),
      timeZone: fc.oneof(fc.constantFrom('UTC', 'Asia/Kolkata', 'utc', 'Mars/Olympus'), text),
    },
    { requiredKeys: ['last'] },
  ),
  fc.record({ from: dates, to: dates }, { requiredKeys: [] }),
  fc.jsonValue(),
);
const leaf = fc.record(
  {
    field: fields,
    op: fc.oneof(fc.constantFrom('eq', 'in', 'not', 'exists', 'range', 'search'), text),
    value: scalar,
    values: fc.array(scalar, { maxLength: 5 }),
    gte: scalar,
    lt: scalar,
    match: fc.constantFrom('prefix', 'contains', 'regex', 'nope'),
  },
  { requiredKeys: ['field', 'op'] },
);
const filters = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ and: fc.array(tie('node'), { maxLength: 4 }) }),
    fc.record({ or: fc.array(tie('node'), { maxLength: 4 }) }),
    fc.record({ not: tie('node') }),
  ),
})).node;
const count = fc.oneof(fc.integer({ min: -5, max: 20_000 }), fc.double(), text);
const view = fc.oneof(
  fc.record(
    { type: fc.constant('breakdown'), groupBy: fields, metric: text, top: count, other: fc.jsonValue() },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      type: fc.constant('timeseries'),
      interval: fc.oneof(fc.constantFrom('auto', '1m', '1d', '1y', '0s'), text),
      stackBy: fields,
      top: count,
      metric: fc.constantFrom('count', 'distinct_users', 'failure_rate', 'sum'),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      type: fc.constant('geo'),
      mode: fc.constantFrom('country', 'grid', 'city'),
      precision: count,
    },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      type: fc.constant('log'),
      columns: fc.array(fields, { maxLength: 6 }),
      sort: fc.array(fc.record({ field: fields, order: fc.constantFrom('asc', 'desc', 'up') }), {
        maxLength: 5,
      }),
      pageSize: count,
      cursor: text,
    },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    { type: fc.constant('significant'), fields: fc.array(fields, { maxLength: 5 }), size: count },
    { requiredKeys: ['type'] },
  ),
  fc.jsonValue(),
);
const definition = fc.record(
  { timeRange, filters, view, customer: text, extra: fc.jsonValue() },
  { requiredKeys: ['timeRange', 'view'] },
);

describe('hostile input never gets a server error, a stack trace or an index name', () => {
  it('report definitions, valid or not, posted to /api/reports/run', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(definition, fc.constantFrom(TOKENS.acme, TOKENS.admin), async (body, token) => {
        await expectSafe(await call('/api/reports/run', { token, body: JSON.stringify(body) }));
      }),
      { numRuns: 1000 },
    );
  });

  it('query parameters of /api/logs and /api/reports/:id/run', { timeout: 60_000 }, async () => {
    const keys = fc.oneof(fc.constantFrom(...LOG_PARAMS, ...fieldNames), text);
    const value = fc.oneof(
      text,
      timeRange.map((r) => JSON.stringify(r)),
      filters.map((f) => JSON.stringify(f)),
      fc.constantFrom('-ts', 'ts:asc,user.name:desc', 'user.name:sideways', '1e9', '-1'),
    );
    const reportIds = fc.oneof(fc.constantFrom(...builtinReports().map((r) => r.id)), text);
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(keys, value, { maxKeys: 6 }),
        reportIds,
        fc.boolean(),
        async (params, id, onLogs) => {
          const query = new URLSearchParams(params).toString();
          const path = onLogs
            ? `/api/logs?${query}`
            : `/api/reports/${new URLSearchParams({ id }).toString().slice(3)}/run?${query}`;
          await expectSafe(await call(path, { token: TOKENS.acme }));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it(
    'cursors: tampered, truncated, forged, or another query’s or customer’s',
    { timeout: 60_000 },
    async () => {
      const query = 'from=2026-11-01T00:00:00Z&to=2026-11-20T00:00:00Z&sort=-ts&pageSize=20';
      const first = await call(`/api/logs?${query}`, { token: TOKENS.acme });
      const { nextCursor } = (await first.json()) as { nextCursor: string | null };
      expect(nextCursor).toEqual(expect.any(String));
      const real = nextCursor!;
      const theirs = (await (await call(`/api/logs?${query}`, { token: TOKENS.globex })).json()) as {
        nextCursor: string;
      };
      const b64 = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');
      const cursor = fc.oneof(
        // One character changed, anywhere.
        fc
          .tuple(fc.nat(real.length - 1), fc.constantFrom(...'AZaz09-_.=+/~ '))
          .map(([at, c]) => real.slice(0, at) + c + real.slice(at + 1)),
        fc.nat(real.length).map((n) => real.slice(0, n)),
        text.map((t) => real + t),
        fc.jsonValue().map(b64),
        fc.jsonValue().map((j) => `${b64(j)}.${real.split('.').at(-1) ?? ''}`),
        fc.constant(theirs.nextCursor),
        text,
      );
      const otherQuery = fc.constantFrom(
        query,
        'last=7d&sort=-ts',
        `${query}&result=denied`,
        'sort=user.name',
      );
      await fc.assert(
        fc.asyncProperty(cursor, otherQuery, fc.boolean(), async (c, q, viaGet) => {
          const response = viaGet
            ? await call(`/api/logs?${q}&${new URLSearchParams({ cursor: c })}`, { token: TOKENS.acme })
            : await call('/api/reports/run', {
                token: TOKENS.acme,
                body: JSON.stringify({
                  timeRange: { from: '2026-11-01T00:00:00Z', to: '2026-11-20T00:00:00Z' },
                  view: { type: 'log', sort: [{ field: 'ts', order: 'desc' }], pageSize: 20, cursor: c },
                }),
              });
          await expectSafe(response);
          // Anything but the cursor as issued, for the query it was issued for, is refused. An empty
          // one is no cursor (the first page); an edit that decodes to the same signed bytes (base64's
          // spare bits, a character the decoder skips) is the same cursor.
          const sameQuery = !viaGet || q === query;
          if (c !== '' && !(sameBytes(c, real) && sameQuery)) expect(response.status).toBe(400);
        }),
        { numRuns: 1000 },
      );
    },
  );
});
