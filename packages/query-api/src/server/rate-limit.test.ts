import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCounterStore } from './rate-limit/counter-store';
import { SharedRateLimiter, type RatePolicy } from './rate-limit/limiter';
import { testApp, TOKENS } from './test-support';

const limiters: SharedRateLimiter[] = [];
afterEach(() => limiters.splice(0).forEach((l) => l.close()));

/** A clock the test moves: 10 s into a minute-long window. */
function clock() {
  let now = Date.UTC(2026, 0, 1, 12, 0, 10);
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function limited(perToken: RatePolicy, failedAuth: RatePolicy, store = new MemoryCounterStore()) {
  const time = clock();
  const limiter = new SharedRateLimiter({ store, now: time.now, syncIntervalMs: 60_000 });
  limiters.push(limiter);
  const { call } = testApp(undefined, { rateLimits: { limiter, perToken, failedAuth } });
  return { call, limiter, time };
}

const tokenPolicy: RatePolicy = { name: 'token', limit: 3, windowSeconds: 60 };
const authPolicy: RatePolicy = { name: 'failed-auth', limit: 2, windowSeconds: 60 };

describe('per-token rate limits', () => {
  it('says where each request stands, then refuses with 429 and Retry-After past the limit', async () => {
    const { call } = limited(tokenPolicy, authPolicy);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call('/api/fields', { token: TOKENS.acme }));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((r) => r.headers.get('RateLimit'))).toEqual([
      '"token";r=2;t=50',
      '"token";r=1;t=50',
      '"token";r=0;t=50',
      '"token";r=0;t=50',
    ]);
    for (const answer of answers) expect(answer.headers.get('RateLimit-Policy')).toBe('"token";q=3;w=60');
    const refused = answers[3]!;
    expect(refused.headers.get('Retry-After')).toBe('50');
    expect(await refused.json()).toEqual({
      error: { code: 'rate_limited', message: 'this token has made too many requests; retry in 50s' },
    });
  });

  it('counts each token on its own, and starts again in the next window', async () => {
    const { call, time } = limited(tokenPolicy, authPolicy);
    for (let i = 0; i < 3; i++) await call('/api/fields', { token: TOKENS.acme });
    expect((await call('/api/fields', { token: TOKENS.acme })).status).toBe(429);
    expect((await call('/api/fields', { token: TOKENS.globex })).status).toBe(200);
    time.advance(50_000);
    expect((await call('/api/fields', { token: TOKENS.acme })).status).toBe(200);
  });
});

describe('failed authentication per address', () => {
  it('refuses an address after too many 401s, even with a valid token, until the window ends', async () => {
    const { call, time } = limited(tokenPolicy, authPolicy);
    expect((await call('/api/fields', { token: 'guess-1' })).status).toBe(401);
    expect((await call('/api/fields', { token: 'guess-2' })).status).toBe(401);
    const blocked = await call('/api/fields', { token: 'guess-3' });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('Retry-After')).toBe('50');
    expect(blocked.headers.get('RateLimit')).toBe('"failed-auth";r=0;t=50');
    expect((await blocked.json()).error.message).toContain('too many failed authentications');
    expect((await call('/api/fields', { token: TOKENS.acme })).status).toBe(429);
    time.advance(50_000);
    expect((await call('/api/fields', { token: TOKENS.acme })).status).toBe(200);
  });

  it('does not count successful or refused-for-other-reasons requests against the address', async () => {
    const { call } = limited({ ...tokenPolicy, limit: 100 }, authPolicy);
    for (let i = 0; i < 5; i++) {
      expect((await call('/api/fields', { token: TOKENS.acme })).status).toBe(200);
      expect((await call('/api/logs?customer=globex', { token: TOKENS.acme })).status).toBe(403);
    }
  });
});

describe('counts shared between instances', () => {
  it('holds the limit across two limiters once they have synced through the store', async () => {
    const store = new MemoryCounterStore();
    const a = limited(tokenPolicy, authPolicy, store);
    const b = limited(tokenPolicy, authPolicy, store);
    await a.call('/api/fields', { token: TOKENS.acme });
    await a.call('/api/fields', { token: TOKENS.acme });
    await a.limiter.sync();
    await b.call('/api/fields', { token: TOKENS.acme });
    await b.limiter.sync();
    await a.limiter.sync();
    expect((await a.call('/api/fields', { token: TOKENS.acme })).status).toBe(429);
    expect((await b.call('/api/fields', { token: TOKENS.acme })).status).toBe(429);
  });
});
