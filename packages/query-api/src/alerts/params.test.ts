import { describe, expect, it } from 'vitest';
import { toIssues } from '@sightline/schema/reports';
import { deliveryListQuerySchema, webhookSettingBodySchema } from './params';
import { webhookUrlProblem } from '@sightline/schema/api';

function issuesOf(result: { success: boolean; error?: unknown }) {
  expect(result.success).toBe(false);
  return toIssues(result.error as Parameters<typeof toIssues>[0]);
}

describe('a webhook setting', () => {
  it('takes an https URL, a minimum severity and an enabled flag (on by default)', () => {
    expect(
      webhookSettingBodySchema.parse({ url: 'https://hooks.example.com/s?x=1', minSeverity: 'high' }),
    ).toEqual({
      url: 'https://hooks.example.com/s?x=1',
      minSeverity: 'high',
      enabled: true,
    });
    expect(
      webhookSettingBodySchema.parse({ url: 'https://h.example.com', minSeverity: 'low', enabled: false })
        .enabled,
    ).toBe(false);
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://127.1.2.3/hook',
    'http://localhost:3000/',
    'http://[::1]:9/x',
  ])('allows plain http to loopback for tests and development: %s', (url) => {
    expect(webhookUrlProblem(url)).toBeNull();
  });

  it.each([
    ['http://hooks.example.com/x', /http is allowed only to loopback/],
    ['http://10.0.0.5/x', /http is allowed only to loopback/],
    ['http://127.0.0.1.example.com/x', /http is allowed only to loopback/],
    ['ftp://hooks.example.com/x', /the scheme ftp is not supported; use https/],
    ['hooks.example.com/x', /not an absolute URL/],
    ['https://user:pass@hooks.example.com/x', /credentials in the URL/],
    ['https://hooks.example.com/x#frag', /fragment/],
    [`https://hooks.example.com/${'a'.repeat(2048)}`, /longer than 2048 characters/],
  ])('refuses %s, saying why', (url, reason) => {
    expect(webhookUrlProblem(url)).toMatch(reason);
    const issues = issuesOf(webhookSettingBodySchema.safeParse({ url, minSeverity: 'high' }));
    expect(issues).toEqual([{ path: 'url', message: expect.stringMatching(reason) }]);
  });

  it.each([
    [{ url: 'https://h.example.com' }, 'minSeverity'],
    [{ url: 'https://h.example.com', minSeverity: 'urgent' }, 'minSeverity'],
    [{ minSeverity: 'high' }, 'url'],
    [{ url: 'https://h.example.com', minSeverity: 'high', enabled: 'yes' }, 'enabled'],
    [{ url: 'https://h.example.com', minSeverity: 'high', secret: 'mine' }, ''],
  ])('refuses %j, naming %s', (body, path) => {
    expect(issuesOf(webhookSettingBodySchema.safeParse(body)).map((i) => i.path)).toContain(path);
  });
});

describe('the deliveries query', () => {
  it('takes states, a page size and a cursor, with a page of 50 by default', () => {
    const cursor = Buffer.from(JSON.stringify([1_793_000_000_000, 'abc'])).toString('base64url');
    expect(deliveryListQuerySchema.parse({ state: 'pending,failed', pageSize: '10', cursor })).toEqual({
      state: ['pending', 'failed'],
      pageSize: 10,
      cursor: [1_793_000_000_000, 'abc'],
    });
    expect(deliveryListQuerySchema.parse({})).toEqual({ pageSize: 50 });
  });

  it.each([
    [{ state: 'sent' }, 'state.0'],
    [{ pageSize: '0' }, 'pageSize'],
    [{ pageSize: '201' }, 'pageSize'],
    [{ cursor: 'nope' }, 'cursor'],
  ])('refuses %j, naming %s', (query, path) => {
    expect(issuesOf(deliveryListQuerySchema.safeParse(query)).map((i) => i.path)).toContain(path);
  });
});
