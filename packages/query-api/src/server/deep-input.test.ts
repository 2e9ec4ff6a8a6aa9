import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEAK, testApp, TOKENS } from './test-support';

const leaf = '{"field":"result","op":"eq","value":"success"}';
const nested = (open: string, close: string, levels: number) =>
  open.repeat(levels) + leaf + close.repeat(levels);
const definition = (filters: string) =>
  `{"timeRange":{"last":"7d"},"filters":${filters},"view":{"type":"breakdown","groupBy":"result"}}`;

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; issues?: { path: string }[] } }).error;
}

describe('bodies nested however deep get a 400 naming the problem, never a 500', () => {
  it.each([
    ['and', '{"and":[', ']}', 700],
    ['or', '{"or":[', ']}', 3000],
    ['not', '{"not":', '}', 5000],
  ])('filters nested through %s %i levels deep', async (_, open, close, levels) => {
    const { call, es } = testApp();
    const body = definition(nested(open, close, levels));
    const res = await call('/api/reports/run', { token: TOKENS.acme, body });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_request');
    expect(error.issues).toEqual([{ path: 'filters', message: 'filters nest deeper than 8 levels' }]);
    expect(es.requests).toHaveLength(0);
  });

  it('still refuses a tree one level past the limit, and accepts one at it', async () => {
    const { call } = testApp();
    const at = await call('/api/reports/run', {
      token: TOKENS.acme,
      body: definition(nested('{"not":', '}', 7)),
    });
    expect(at.status).toBe(200);
    const past = await call('/api/reports/run', {
      token: TOKENS.acme,
      body: definition(nested('{"not":', '}', 8)),
    });
    expect(past.status).toBe(400);
  });

  it('a body that is nothing but nested arrays', async () => {
    const { call } = testApp();
    const res = await call('/api/reports/run', {
      token: TOKENS.acme,
      body: '['.repeat(30_000) + ']'.repeat(30_000),
    });
    expect(res.status).toBe(400);
  });

  it('a deep filter in the query string of GET /api/logs', async () => {
    const { call } = testApp();
    const deep = nested('{"and":[', ']}', 700);
    const logs = await call(`/api/logs?last=7d&filter=${encodeURIComponent(deep)}`, { token: TOKENS.acme });
    expect(logs.status).toBe(400);
    expect((await errorOf(logs)).issues).toEqual([
      { path: 'filters', message: 'filters nest deeper than 8 levels' },
    ]);
  });
});

describe('arbitrary bodies', () => {
  /** Filter-shaped trees of any depth and width, with leaves both valid and not. */
  const tree = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({
        field: fc.constantFrom('result', 'user.name', 'ts', 'nope'),
        op: fc.string(),
        value: fc.jsonValue(),
      }),
      fc.record({ and: fc.array(tie('node'), { maxLength: 4 }) }),
      fc.record({ or: fc.array(tie('node'), { maxLength: 4 }) }),
      fc.record({ not: tie('node') }),
      fc.jsonValue(),
    ),
  })).node;

  it('any JSON, as a definition or as its filters, is answered without a server error', async () => {
    const { call } = testApp();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          tree.map((filters) => ({ timeRange: { last: '1d' }, filters, view: { type: 'log' } })),
        ),
        async (body) => {
          const res = await call('/api/reports/run', { token: TOKENS.acme, body: JSON.stringify(body) });
          expect(res.status).toBeLessThan(500);
          const text = await res.text();
          expect(text).not.toMatch(LEAK);
        },
      ),
      { numRuns: 500 },
    );
  });
});
