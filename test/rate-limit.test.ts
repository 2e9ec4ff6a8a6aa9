import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokenStore, hashToken } from '../packages/query-api/src/auth';
import { createApp } from '../packages/query-api/src/server';
import { EsCounterStore } from '../packages/query-api/src/server/rate-limit/counter-store';
import { SharedRateLimiter, type RatePolicy } from '../packages/query-api/src/server/rate-limit/limiter';
import { esClient } from './ingest.support';

/** This file's own counter index, dropped at the end. */
const INDEX = 'sightline-ratelimit-itest';
const es = esClient();
const limiters: SharedRateLimiter[] = [];
/** A fixed instant in the middle of a window, so no test straddles a window's end. */
const NOW = () => Date.UTC(2026, 0, 1, 12, 30, 0);

afterAll(async () => {
  limiters.forEach((l) => l.close());
  await es.indices.delete({ index: INDEX, ignore_unavailable: true });
  await es.close();
});

const perToken: RatePolicy = { name: 'token', limit: 30, windowSeconds: 3600 };
const failedAuth: RatePolicy = { name: 'failed-auth', limit: 5, windowSeconds: 3600 };

/** One API instance: its own limiter, counting in the shared Elasticsearch index. */
function instance(token: string) {
  const limiter = new SharedRateLimiter({
    store: new EsCounterStore(es, INDEX),
    now: NOW,
    syncIntervalMs: 60_000,
  });
  limiters.push(limiter);
  const tokens = createTokenStore([
    { name: token, sha256: hashToken(token), customer: 'rl-test', admin: false },
  ]);
  const app = createApp({ es, tokens, rateLimits: { limiter, perToken, failedAuth, trustProxy: true } });
  const call = (bearer: string, address = '203.0.113.7') =>
    app.request('/api/fields', {
      headers: { Authorization: `Bearer ${bearer}`, 'X-Forwarded-For': address },
    });
  return { limiter, call };
}

describe('rate limits shared by several API instances through Elasticsearch', () => {
  it('a token gets its limit in total, however its requests are spread over the instances', async () => {
    const token = `rl-${randomUUID()}`;
    const [a, b] = [instance(token), instance(token)];
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      for (const api of [a, b]) {
        statuses.push((await api.call(token)).status);
        await api.limiter.sync();
      }
      await Promise.all([a.limiter.sync(), b.limiter.sync()]);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });

  it('failed authentications on one instance lock the address out of the others', async () => {
    const token = `rl-${randomUUID()}`;
    const [a, b] = [instance(token), instance(token)];
    const address = `198.51.100.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 5; i++) expect((await a.call(`wrong-${i}`, address)).status).toBe(401);
    await a.limiter.sync();
    await b.limiter.sync();
    // B has not seen this address fail, but learns it from the shared count on its first look.
    const first = await b.call('wrong-again', address);
    await b.limiter.sync();
    expect([401, 429]).toContain(first.status);
    expect((await b.call(token, address)).status).toBe(429);
    // Another address is not affected.
    expect((await b.call(token, '192.0.2.1')).status).toBe(200);
  });

  it('loses no count when many instances write the same counter at once', async () => {
    const key = `token:rl-${randomUUID()}`;
    const many = Array.from({ length: 6 }, () => new EsCounterStore(es, INDEX));
    // As the limiter does: a count the store left out (still contended) is sent again.
    const addUntilStored = async (store: EsCounterStore) => {
      while (!(await store.add(42, new Map([[key, 10]]))).has(key));
    };
    for (let round = 0; round < 3; round++) await Promise.all(many.map(addUntilStored));
    const totals = await many[0]!.add(42, new Map([[key, 0]]));
    expect(totals.get(key)).toBe(180);
  });
});
