import { describe, expect, it } from 'vitest';
import type { StoredFinding } from '@sightline/client';
import { decodeState, encodeState } from '../state/urlState';
import { evidenceLinkText, evidenceLogState } from './evidenceLink';

const finding = {
  firstSeen: '2026-11-20T10:00:00.000Z',
  lastSeen: '2026-11-20T10:04:00.000Z',
  evidence: ['tx-1', 'tx-2', 'tx-3'],
  evidenceCount: 3,
} as StoredFinding;

describe("a finding's link to its evidence", () => {
  it('opens the log filtered to exactly its txids over the span of its evidence', () => {
    const { state } = decodeState('/', '?customer=acme&f.result=denied&tz=UTC', 'UTC');
    const href = encodeState(evidenceLogState(state, finding));
    const url = new URL(href, 'http://x');
    expect(url.pathname).toBe('/log');
    expect(url.searchParams.getAll('f.txid')).toEqual(['tx-1', 'tx-2', 'tx-3']);
    // The page's other filters would hide evidence: they are not carried over.
    expect(url.searchParams.getAll('f.result')).toEqual([]);
    expect(url.searchParams.get('from')).toBe('2026-11-20T10:00:00.000Z');
    expect(url.searchParams.get('to')).toBe('2026-11-20T10:04:00.001Z');
    // The log reads the link back without a notice.
    expect(decodeState(url.pathname, url.search, 'UTC').issues).toEqual([]);
  });

  it('says how many attempts it shows, and of how many when the evidence kept is capped', () => {
    expect(evidenceLinkText(finding)).toBe('Show the 3 attempts');
    expect(evidenceLinkText({ evidence: ['a'], evidenceCount: 1 })).toBe('Show the attempt');
    expect(evidenceLinkText({ evidence: Array(50).fill('t'), evidenceCount: 120 })).toBe(
      'Show 50 of the 120 attempts',
    );
  });
});
