import { describe, expect, it } from 'vitest';
import type { FindingPage } from '@sightline/schema/api';
import {
  fillPath,
  narrow,
  searchParams,
  type AnswerOf,
  type BodyOf,
  type QueryOf,
  type RouteOf,
} from './routes';

describe("the client's routes, typed from the OpenAPI document", () => {
  it('fills a path’s parts, encoded, and refuses to leave one out', () => {
    expect(fillPath('/api/findings/{id}/status', { id: 'a/b c' })).toBe('/api/findings/a%2Fb%20c/status');
    expect(() => fillPath('/api/views/{id}', {})).toThrow("/api/views/{id} needs its 'id'");
  });

  it('puts a query in the URL as given, leaving out what is undefined or empty', () => {
    const query: QueryOf<'/api/findings', 'get'> = {
      type: 'brute_force,push_spray',
      pageSize: 20,
      user: undefined,
      cursor: '',
    };
    expect(searchParams(query).toString()).toBe('type=brute_force%2Cpush_spray&pageSize=20');
  });

  it('does not compile a route, parameter, body or answer the document does not describe', async () => {
    // Each line below is a type error; `tsc` (the test suite's typecheck) fails if one is not.
    // @ts-expect-error: no such route
    const route: RouteOf<'get'> = '/api/finding';
    // @ts-expect-error: /api/views/{id} is not read with GET
    const notGet: RouteOf<'get'> = '/api/views/{id}';
    // @ts-expect-error: GET /api/logs takes pageSize, not size
    const query: QueryOf<'/api/logs', 'get'> = { size: 10 };
    // @ts-expect-error: a saved view has a name and a url
    const body: BodyOf<'/api/views', 'post'> = { title: 'x' };
    // @ts-expect-error: a page of findings has no total
    const total: AnswerOf<'/api/findings', 'get'>['total'] = 1;
    const answer = Promise.resolve({ findings: [], nextCursor: null } as AnswerOf<'/api/findings', 'get'>);
    // A more precise type than the document's is read as such…
    const page: Promise<FindingPage> = narrow<FindingPage>()(answer);
    // …but not a type the document would not describe.
    // @ts-expect-error: the document's page of findings has no `total`
    const more = narrow<FindingPage & { total: number }>()(answer);
    // @ts-expect-error: the document's cursor is a string
    const numbered = narrow<Omit<FindingPage, 'nextCursor'> & { nextCursor: number }>()(answer);
    expect([route, notGet, query, body, total, await page, await more, await numbered]).toHaveLength(8);
  });
});
