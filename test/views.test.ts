import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { createClient, SightlineApiError, type SightlineClient } from '../packages/client/src';
import { createApp, createEsClient } from '../packages/query-api/src/server';
import { mountViews } from '../packages/query-api/src/views/route';
import { EsViewStore } from '../packages/query-api/src/views/store';

const PREFIX = 'itviews-';
const ACME = `${PREFIX}acme`;
const GLOBEX = `${PREFIX}globex`;
// An index of this file's own, so the limit can be small and nothing else's views are touched.
const INDEX = `sightline-views-${PREFIX}${process.pid}`;
const LIMIT = 4;
const NOW = new Date('2026-08-14T09:30:00.000Z');
const tokens = createTokenStore([
  { name: 'acme-analyst', sha256: hashToken('t-acme'), customer: ACME, admin: false },
  { name: 'acme-second', sha256: hashToken('t-acme-2'), customer: ACME, admin: false },
  { name: 'globex', sha256: hashToken('t-globex'), customer: GLOBEX, admin: false },
  { name: 'root', sha256: hashToken('t-admin'), customer: null, admin: true },
]);
const es = createEsClient(process.env.ES_URL ?? 'http://127.0.0.1:9200');
const store = new EsViewStore(es, INDEX, LIMIT);
const app = createApp({ es, tokens, now: () => NOW, extend: mountViews(es, store) });

/** The typed client, over the app's fetch: what a front-end team calls is what is tested. */
function client(token: string, customer?: string): SightlineClient {
  return createClient({
    baseUrl: 'http://sightline.test',
    token,
    ...(customer ? { customer } : {}),
    fetch: async (input, init) => app.request(String(input), init),
  });
}
const acme = client('t-acme');
const globex = client('t-globex');

async function refusal(call: Promise<unknown>): Promise<SightlineApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SightlineApiError);
  return error as SightlineApiError;
}

beforeAll(async () => {
  await es.indices.delete({ index: INDEX }, { ignore: [404] });
});

afterAll(async () => {
  await es.indices.delete({ index: INDEX }, { ignore: [404] });
  await es.close();
});

describe('saved views through the API and Elasticsearch', () => {
  it('saves, lists by name and deletes a view, with the token as owner', async () => {
    expect(await acme.views()).toEqual({ views: [], limit: LIMIT });
    const saved = await acme.saveView({ name: '  Denied this week ', url: '/log?last=7d&f.result=denied' });
    expect(saved).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      name: 'Denied this week',
      url: '/log?last=7d&f.result=denied',
      owner: 'acme-analyst',
      createdAt: NOW.toISOString(),
    });
    await acme.saveView({ name: 'alice', url: '/user?name=alice%40example.com' });
    // Shared by every token of the customer.
    const listed = await client('t-acme-2').views();
    expect(listed.views.map((v) => v.name)).toEqual(['alice', 'Denied this week']);

    expect(await acme.deleteView(saved.id)).toEqual(saved);
    expect((await acme.views()).views.map((v) => v.name)).toEqual(['alice']);
    const again = await refusal(acme.deleteView(saved.id));
    expect([again.status, again.code, again.message]).toEqual([
      404,
      'not_found',
      `no saved view ${saved.id}`,
    ]);
  });

  it('refuses a second view of a name, whatever its case, with a 409', async () => {
    const error = await refusal(acme.saveView({ name: 'ALICE', url: '/' }));
    expect(error.status).toBe(409);
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      'a view named "ALICE" exists already; choose another name or delete that one first',
    );
  });

  it('keeps each customer’s views apart; an admin names the customer', async () => {
    const acmeView = (await acme.views()).views[0]!;
    // The same name is free for another customer.
    await globex.saveView({ name: 'alice', url: '/?last=1h' });
    expect((await globex.views()).views).toEqual([
      expect.objectContaining({ name: 'alice', url: '/?last=1h' }),
    ]);
    // Another customer's id is unknown to this one, and stays.
    const foreign = await refusal(globex.deleteView(acmeView.id));
    expect(foreign.status).toBe(404);
    expect((await acme.views()).views).toEqual([acmeView]);
    // A customer token cannot name another customer.
    const other = await refusal(client('t-acme', GLOBEX).views());
    expect([other.status, other.message]).toEqual([403, 'this token may not read another customer']);

    const unnamed = await refusal(client('t-admin').views());
    expect(unnamed.status).toBe(400);
    expect(unnamed.message).toMatch(/an admin token must name a customer/);
    const admin = client('t-admin', ACME);
    expect((await admin.views()).views).toEqual([acmeView]);
    const byAdmin = await admin.saveView({ name: 'by admin', url: '/findings?severity=high' });
    expect(byAdmin.owner).toBe('root');
    expect((await acme.views()).views.map((v) => v.name)).toEqual(['alice', 'by admin']);
    expect((await globex.views()).views.map((v) => v.name)).toEqual(['alice']);
  });

  it('says the limit when a customer has as many views as it may keep', async () => {
    const have = (await acme.views()).views.length;
    for (let i = have; i < LIMIT; i++) await acme.saveView({ name: `view ${i}`, url: `/?last=${i + 1}h` });
    const error = await refusal(acme.saveView({ name: 'one too many', url: '/' }));
    expect([error.status, error.code]).toEqual([409, 'conflict']);
    expect(error.message).toBe(
      `a customer keeps at most ${LIMIT} saved views; delete one before saving another`,
    );
    // Another customer is not held by it.
    await globex.saveView({ name: 'second', url: '/log' });
  });

  it('names what is wrong with a bad request', async () => {
    const cases: [unknown, string][] = [
      [{ name: '', url: '/' }, 'name: a view needs a name'],
      [{ name: 'x'.repeat(81), url: '/' }, "name: a view's name is at most 80 characters"],
      [
        { name: 'a', url: 'https://evil.example/' },
        'url: expected a dashboard path starting with a single "/"',
      ],
      [{ name: 'a', url: '//evil.example/log' }, 'url: expected a dashboard path starting with a single "/"'],
      [{ name: 'a', url: '/log?customer=itviews-globex' }, 'url: a view cannot name a customer'],
      [{ name: 'a', url: `/log?q=${'a'.repeat(4_000)}` }, "url: a view's address is at most 4000 characters"],
      [{ name: 'a', url: '/', owner: 'me' }, 'Unrecognized key: "owner"'],
    ];
    for (const [body, message] of cases) {
      const response = await app.request('/api/views', {
        method: 'POST',
        headers: { Authorization: 'Bearer t-globex', 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('invalid_request');
      expect(error.message).toContain(message);
    }
    const badId = await refusal(globex.deleteView('not-an-id'));
    expect([badId.status, badId.message]).toEqual([400, 'invalid param: id: not a view id']);
  });
});
