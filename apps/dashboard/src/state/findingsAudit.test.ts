import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from './urlState';

const ID = 'c'.repeat(32);

describe('the findings audit address', () => {
  it('keeps a finding, a user and a token name, and reads them back', () => {
    const { state, issues } = decodeState(
      '/findings/audit',
      `?customer=acme&finding=${ID}&user=ana&changedBy=ops-admin`,
      'UTC',
    );
    expect(issues).toEqual([]);
    expect(state.route).toBe('findingsAudit');
    expect(state.auditFilter).toEqual({ finding: ID, user: 'ana', changedBy: 'ops-admin' });
    expect(encodeState(state)).toBe(
      `/findings/audit?customer=acme&tz=UTC&finding=${ID}&user=ana&changedBy=ops-admin`,
    );
  });

  it('drops what the API would refuse, and says so', () => {
    const { state, issues } = decodeState('/findings/audit', '?finding=nope&user=%20', 'UTC');
    expect(state.auditFilter).toEqual({});
    expect(issues).toEqual(['Ignored finding=nope: not a finding id.', 'Ignored user= : empty.']);
  });

  it('leaves the parameters to the audit page', () => {
    const { state } = decodeState('/log', `?finding=${ID}`, 'UTC');
    expect(state.auditFilter).toBeUndefined();
    expect(encodeState({ ...state, auditFilter: { finding: ID } })).toBe('/log?tz=UTC');
  });
});
