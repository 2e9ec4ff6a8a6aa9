import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTokenStore } from '../auth';
import { createApp } from './app';
import { corsOriginsFromEnv, DEV_ORIGINS } from './cors';
import { serveDashboard } from './static';
import { FakeEs, testApp, TOKENS } from './test-support';

const report = { timeRange: { last: '7d' }, view: { type: 'breakdown', groupBy: 'result' } };

describe('API answers carrying tenant data', () => {
  it('are never cached or type-sniffed, whether they succeed or fail', async () => {
    const { call } = testApp();
    const answers = [
      await call('/api/reports/run', { token: TOKENS.acme, body: report }),
      await call('/api/logs?last=1d', { token: TOKENS.acme }),
      await call('/api/reports/run', { token: TOKENS.acme, body: { view: 1 } }),
      await call('/api/logs?customer=globex', { token: TOKENS.acme }),
      await call('/api/logs'),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 400, 403, 401]);
    for (const answer of answers) {
      expect(answer.headers.get('Cache-Control')).toBe('no-store');
      expect(answer.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(answer.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    }
  });
});

describe('CORS origins', () => {
  it('allows the development origins only outside production, unless set explicitly', () => {
    expect(corsOriginsFromEnv({})).toEqual(DEV_ORIGINS);
    expect(corsOriginsFromEnv({ NODE_ENV: 'development' })).toEqual(DEV_ORIGINS);
    expect(corsOriginsFromEnv({ NODE_ENV: 'production' })).toEqual([]);
    expect(
      corsOriginsFromEnv({ NODE_ENV: 'production', SIGHTLINE_CORS_ORIGINS: 'https://a.example, https://b' }),
    ).toEqual(['https://a.example', 'https://b']);
    expect(corsOriginsFromEnv({ SIGHTLINE_CORS_ORIGINS: '' })).toEqual([]);
  });

  it('a production API answers no preflight from the dashboard dev server', async () => {
    const app = createApp({ es: new FakeEs(), tokens: createTokenStore([]), corsOrigins: [] });
    const res = await app.request('/api/reports/run', {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
    });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});

describe('the dashboard served by the API', () => {
  const dist = mkdtempSync(join(tmpdir(), 'sightline-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Sightline</title>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'export {};');
  const { app } = testApp();
  serveDashboard(app, dist);

  it('every page and asset allows scripts of its own origin only, and forbids framing and referrers', async () => {
    for (const path of ['/', '/log?last=7d', '/assets/app.js']) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      const csp = res.headers.get('Content-Security-Policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp.split('; ')).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('X-Frame-Options')).toBe('DENY');
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    }
  });

  it('an unknown API path is the API’s JSON 404, not the dashboard page', async () => {
    const res = await app.request('/api/nope', { headers: { Authorization: `Bearer ${TOKENS.acme}` } });
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toContain('application/json');
  });
});
