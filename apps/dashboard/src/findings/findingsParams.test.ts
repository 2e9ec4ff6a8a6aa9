import { describe, expect, it } from 'vitest';
import { findingsRequests } from './findingsParams';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const ANY = { types: [], statuses: [], minSeverity: undefined };

describe('the requests behind the Findings list', () => {
  it('asks for open findings, then the reviewed ones, over a relative range left open at its end', () => {
    expect(findingsRequests(ANY, { last: '24h' }, NOW)).toEqual({
      open: { from: '2026-11-19T12:00:00.000Z', status: ['open'] },
      reviewed: { from: '2026-11-19T12:00:00.000Z', status: ['suspicious', 'dismissed'] },
    });
  });

  it('passes type and least severity to both, and splits the chosen statuses between them', () => {
    const time = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' };
    const view = {
      types: ['push_fatigue' as const],
      statuses: ['open' as const, 'muted' as const],
      minSeverity: 'high' as const,
    };
    const base = { from: time.from, to: time.to, type: ['push_fatigue'], severity: 'high' };
    expect(findingsRequests(view, time, NOW)).toEqual({
      open: { ...base, status: ['open'] },
      reviewed: { ...base, status: ['muted'] },
    });
  });

  it('asks both lists in the chosen order, and names no sort for the default one', () => {
    const { open, reviewed } = findingsRequests({ ...ANY, sort: 'severity' }, { last: '24h' }, NOW);
    expect(open).toMatchObject({ sort: 'severity', status: ['open'] });
    expect(reviewed).toMatchObject({ sort: 'severity', status: ['suspicious', 'dismissed'] });
    expect(findingsRequests({ ...ANY, sort: 'last_seen' }, { last: '24h' }, NOW).open).not.toHaveProperty(
      'sort',
    );
  });

  it('leaves out the open list when open is not among the chosen statuses', () => {
    expect(findingsRequests({ ...ANY, statuses: ['suspicious'] }, { last: '1h' }, NOW).open).toBeUndefined();
  });
});
