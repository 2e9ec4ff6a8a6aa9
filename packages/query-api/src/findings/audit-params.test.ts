import { describe, expect, it } from 'vitest';
import { toIssues } from '@sightline/schema/reports';
import { findingAuditQuerySchema } from './audit-params';

const cursorOf = (sort: unknown) => Buffer.from(JSON.stringify(sort)).toString('base64url');

function problems(query: Record<string, string>) {
  const result = findingAuditQuerySchema.safeParse(query);
  expect(result.success).toBe(false);
  return toIssues(result.error as Parameters<typeof toIssues>[0]).map((i) => `${i.path}: ${i.message}`);
}

describe('GET /api/findings/audit parameters', () => {
  it('take a page, a customer, a time range, a token, a user and a finding', () => {
    expect(
      findingAuditQuerySchema.parse({
        limit: '20',
        after: cursorOf([1_793_000_000_000, 'e1']),
        customer: 'acme',
        from: '2026-11-01T00:00:00Z',
        to: '2026-11-02T00:00:00+01:00',
        token: 'ops-admin',
        user: 'ana',
        finding: 'a'.repeat(32),
      }),
    ).toEqual({
      limit: 20,
      after: [1_793_000_000_000, 'e1'],
      customer: 'acme',
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-02T00:00:00+01:00',
      token: 'ops-admin',
      user: 'ana',
      finding: 'a'.repeat(32),
    });
    expect(findingAuditQuerySchema.parse({})).toEqual({ limit: 50 });
  });

  it('refuse each bad value by name', () => {
    expect(problems({ finding: 'xyz' })).toEqual(['finding: not a finding id']);
    expect(problems({ after: 'bad' })).toEqual(['after: not a findings audit page cursor']);
    expect(problems({ after: cursorOf(['x', 1]) })).toEqual(['after: not a findings audit page cursor']);
    expect(problems({ customer: 'no spaces' })).toEqual([
      'customer: not a customer id (1 to 64 letters, digits, dots, underscores or hyphens, starting with a letter or digit)',
    ]);
    expect(problems({ from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' })).toEqual([
      'to: from must be before to',
    ]);
    expect(problems({ limit: '0' })[0]).toMatch(/^limit: /);
    expect(problems({ limit: '201' })[0]).toMatch(/^limit: /);
    expect(problems({ sort: 'at' })[0]).toMatch(/sort/);
  });
});
