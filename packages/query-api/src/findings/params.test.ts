import { describe, expect, it } from 'vitest';
import { toIssues } from '../reports';
import { findingIdSchema, findingListQuerySchema, findingStatusBodySchema } from './params';

const cursorOf = (sort: unknown) => Buffer.from(JSON.stringify(sort)).toString('base64url');

function issuesOf(result: { success: boolean; error?: unknown }) {
  expect(result.success).toBe(false);
  return toIssues(result.error as Parameters<typeof toIssues>[0]).map((i) => i.path);
}

describe('GET /api/findings parameters', () => {
  it('take comma-separated types and statuses, a minimum severity, a user, a range and paging', () => {
    const parsed = findingListQuerySchema.parse({
      type: 'push_fatigue,brute_force',
      status: 'open,suspicious',
      severity: 'high',
      user: 'ana',
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-02T00:00:00+01:00',
      pageSize: '20',
      cursor: cursorOf([1_793_000_000_000, 'abc']),
    });
    expect(parsed).toEqual({
      type: ['push_fatigue', 'brute_force'],
      status: ['open', 'suspicious'],
      severity: 'high',
      user: 'ana',
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-02T00:00:00+01:00',
      pageSize: 20,
      cursor: [1_793_000_000_000, 'abc'],
    });
  });

  it('default to a page of 50 and name no status (the store then leaves muted findings out)', () => {
    expect(findingListQuerySchema.parse({})).toEqual({ pageSize: 50 });
  });

  it('let a client that names its customer through', () => {
    expect(findingListQuerySchema.parse({ customer: 'acme' })).toMatchObject({ customer: 'acme' });
  });

  it.each([
    [{ type: 'push_fatigue,stolen_laptop' }, 'type.1'],
    [{ status: 'closed' }, 'status.0'],
    [{ severity: 'urgent' }, 'severity'],
    [{ from: 'yesterday' }, 'from'],
    [{ from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 'to'],
    [{ pageSize: '0' }, 'pageSize'],
    [{ pageSize: '201' }, 'pageSize'],
    [{ cursor: 'not-a-cursor' }, 'cursor'],
    [{ cursor: cursorOf({ a: 1 }) }, 'cursor'],
    [{ user: '' }, 'user'],
    [{ severity_min: 'high' }, ''],
  ])('refuse %j, naming %s', (query, path) => {
    expect(issuesOf(findingListQuerySchema.safeParse(query))).toContain(path);
  });
});

describe('POST /api/findings/{id}/status', () => {
  it('takes a status, a mute with a dismissal, and a note', () => {
    expect(findingStatusBodySchema.parse({ status: 'dismissed', mute: true, note: 'travelling' })).toEqual({
      status: 'dismissed',
      mute: true,
      note: 'travelling',
    });
    expect(findingStatusBodySchema.parse({ status: 'open', mute: false })).toEqual({
      status: 'open',
      mute: false,
    });
  });

  it.each([
    [{ status: 'muted' }, 'status'],
    [{ status: 'closed' }, 'status'],
    [{}, 'status'],
    [{ status: 'suspicious', mute: true }, 'mute'],
    [{ status: 'dismissed', mute: 'yes' }, 'mute'],
    [{ status: 'dismissed', note: 'x'.repeat(1001) }, 'note'],
    [{ status: 'dismissed', reason: 'fine' }, ''],
  ])('refuses %j, naming %s', (body, path) => {
    expect(issuesOf(findingStatusBodySchema.safeParse(body))).toContain(path);
  });

  it('takes only finding ids as the path', () => {
    expect(findingIdSchema.safeParse({ id: '0123456789abcdef0123456789abcdef' }).success).toBe(true);
    expect(findingIdSchema.safeParse({ id: '../../_doc' }).success).toBe(false);
    expect(findingIdSchema.safeParse({ id: '0123456789ABCDEF0123456789ABCDEF' }).success).toBe(false);
  });
});
