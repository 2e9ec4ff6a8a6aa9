import { describe, expect, it } from 'vitest';
import { byteText, columnsText, outcomeText } from './auditText';

describe('the export audit in words', () => {
  it('gives sizes in bytes, then KB, MB, GB', () => {
    expect(byteText(512, 'en-US')).toBe('512 B');
    expect(byteText(1536, 'en-US')).toBe('1.5 KB');
    expect(byteText(5 * 1024 * 1024, 'en-US')).toBe('5 MB');
  });

  it('says how an export ended, why a failed one failed, and whether it resumed', () => {
    expect(outcomeText({ outcome: 'complete', error: null, resumed: false })).toBe('Complete');
    expect(outcomeText({ outcome: 'aborted', error: null, resumed: true })).toBe(
      'Cancelled by the client (resumed)',
    );
    expect(outcomeText({ outcome: 'failed', error: 'search timed out', resumed: false })).toBe(
      'Failed: search timed out',
    );
  });

  it('names the columns, or says the defaults were used', () => {
    expect(columnsText({ columns: ['ts', 'user.name'], format: 'csv' })).toBe('ts, user.name');
    expect(columnsText({ columns: null, format: 'csv' })).toBe('default columns');
    expect(columnsText({ columns: null, format: 'ndjson' })).toBe('whole records');
  });
});
