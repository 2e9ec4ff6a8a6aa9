import { describe, expect, it } from 'vitest';
import { changeText, findingsAuditRequest, muteText, shortId } from './findingsAuditText';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const ID = 'ab'.repeat(16);

describe('the findings audit request', () => {
  it('reads the page range: a relative one open at the end, a fixed one bounded', () => {
    expect(findingsAuditRequest(undefined, { last: '24h' }, NOW)).toEqual({
      from: '2026-11-19T12:00:00.000Z',
    });
    expect(
      findingsAuditRequest(
        { user: 'ana', changedBy: 'ops-admin' },
        { from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' },
        NOW,
      ),
    ).toEqual({
      user: 'ana',
      token: 'ops-admin',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-02T00:00:00.000Z',
    });
  });

  it('gives one finding its whole history, whatever the range', () => {
    expect(findingsAuditRequest({ finding: ID }, { last: '1h' }, NOW)).toEqual({ finding: ID });
  });
});

describe('the findings audit in words', () => {
  it('says the change, the mute and a short id', () => {
    expect(changeText({ from: 'open', to: 'suspicious' })).toBe('Open → Suspicious');
    expect(changeText({ from: 'muted', to: 'open' })).toBe('Muted → Open');
    expect(muteText({ mute: true, user: 'ana' })).toBe('Muted for ana');
    expect(muteText({ mute: false, user: 'ana' })).toBe('Unmuted for ana');
    expect(muteText({ mute: null, user: 'ana' })).toBe('');
    expect(shortId(ID)).toBe('abababab');
  });
});
