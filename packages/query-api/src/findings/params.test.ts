import { describe, expect, it } from 'vitest';
import { toIssues } from '@sightline/schema/reports';
import { findingIdSchema, findingListQuerySchema, findingStatusBodySchema } from './params';
import { decodeFindingCursor, encodeFindingCursor } from './sort';

const cursorOf = (sort: unknown) => Buffer.from(JSON.stringify(sort)).toString('base64url');
const severityCursor = encodeFindingCursor('severity', [3, 1_793_000_000_000, 'abc']);

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
      sort: 'last_seen',
      pageSize: 20,
      cursor: { sort: 'last_seen', after: [1_793_000_000_000, 'abc'] },
    });
  });

  it('take a sort, and a cursor of the same sort', () => {
    expect(findingListQuerySchema.parse({ sort: 'severity', cursor: severityCursor })).toMatchObject({
      sort: 'severity',
      cursor: { sort: 'severity', after: [3, 1_793_000_000_000, 'abc'] },
    });
    expect(findingListQuerySchema.parse({ sort: 'first_seen' })).toMatchObject({ sort: 'first_seen' });
    expect(decodeFindingCursor(encodeFindingCursor('first_seen', [5, 'x']))).toEqual({
      sort: 'first_seen',
      after: [5, 'x'],
    });
  });

  it('refuse an unknown sort, naming the ones there are', () => {
    const result = findingListQuerySchema.safeParse({ sort: 'score' });
    expect(issuesOf(result)).toEqual(['sort']);
    expect(toIssues(result.error!)[0]!.message).toBe(
      'unknown sort "score": one of last_seen, first_seen, severity',
    );
  });

  it('refuse a cursor of another sort, or one whose values do not fit its sort', () => {
    expect(issuesOf(findingListQuerySchema.safeParse({ cursor: severityCursor }))).toEqual(['cursor']);
    expect(
      issuesOf(findingListQuerySchema.safeParse({ sort: 'first_seen', cursor: cursorOf([1, 'abc']) })),
    ).toEqual(['cursor']);
    const short = cursorOf(['severity', 1_793_000_000_000, 'abc']);
    expect(issuesOf(findingListQuerySchema.safeParse({ sort: 'severity', cursor: short }))).toEqual([
      'cursor',
    ]);
  });

  it('default to a page of 50, newest last evidence first, and name no status (the store then leaves muted findings out)', () => {
    expect(findingListQuerySchema.parse({})).toEqual({ sort: 'last_seen', pageSize: 50 });
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
