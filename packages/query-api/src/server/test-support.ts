import type { estypes } from '@elastic/elasticsearch';
import { createTokenStore, hashToken } from '../auth';
import type { EsSearchResponse } from '../reports';
import { createApp, type AppOptions } from './app';
import type { SearchPort } from './es';

/** A stand-in for Elasticsearch in unit tests: records requests, answers or fails as told. */
export class FakeEs implements SearchPort {
  readonly requests: estypes.SearchRequest[] = [];
  failure: unknown = null;
  respond: (request: estypes.SearchRequest) => EsSearchResponse = (request) => ({
    took: 2,
    hits: { total: { value: 0, relation: 'eq' }, hits: [] },
    aggregations: emptyAggregations(request),
  });
  readonly cluster = {
    health: async (): Promise<{ status: string }> => {
      if (this.failure) throw this.failure;
      return { status: 'green' };
    },
  };
  async search(request: estypes.SearchRequest): Promise<EsSearchResponse> {
    this.requests.push(request);
    if (this.failure) throw this.failure;
    return this.respond(request);
  }
  /** The tenant the last request was scoped to. */
  lastTenant(): string | undefined {
    const query = this.requests.at(-1)?.query as { bool: { filter: { term?: { customer_id?: string } }[] } };
    return query?.bool.filter[0]?.term?.customer_id;
  }
}

function emptyAggregations(request: estypes.SearchRequest): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(request.aggs ?? {}).map((name) => [
      name,
      { buckets: [], sum_other_doc_count: 0, doc_count: 0, value: 0 },
    ]),
  );
}

export const TOKENS = { acme: 'tok-acme', globex: 'tok-globex', admin: 'tok-admin' } as const;

export function testApp(es = new FakeEs(), options: Partial<Omit<AppOptions, 'es' | 'tokens'>> = {}) {
  const tokens = createTokenStore([
    { name: 'acme', sha256: hashToken(TOKENS.acme), customer: 'acme', admin: false },
    { name: 'globex', sha256: hashToken(TOKENS.globex), customer: 'globex', admin: false },
    { name: 'admin', sha256: hashToken(TOKENS.admin), customer: null, admin: true },
  ]);
  const app = createApp({ es, tokens, now: () => new Date('2026-11-20T10:15:30Z'), ...options });
  const call = (
    path: string,
    init: { token?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    app.request(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });
  return { app, es, call };
}

/**
 * What an answer must never hold: a stack frame (a source file with its line and column, as in
 * `at run (/app/src/run.ts:12:5)`; an echoed value that merely holds a time after the word "at" is
 * not one), a path into the installed packages, or an index name.
 */
export const LEAK =
  /\bat (?:[^\s()]+ \()?(?:file:\/\/)?[^\s()"]+\.[cm]?[jt]sx?:\d+:\d+|node:internal|node_modules|sightline-(authlog|audit|ratelimit|export)/;
