import { describe, expect, it } from 'vitest';
import { defaultColumns } from '@sightline/schema';
import { csvColumns, parseColumns } from './columns';

describe('export columns', () => {
  it('takes the chosen fields in the order given', () => {
    expect(parseColumns('user.name, ts')).toEqual(['user.name', 'ts']);
    expect(parseColumns(['txid'])).toEqual(['txid']);
  });

  it('falls back to the log table columns for CSV and the whole record for NDJSON', () => {
    expect(parseColumns(undefined)).toBeUndefined();
    expect(parseColumns(' , ')).toBeUndefined();
    expect(csvColumns(undefined)).toEqual(defaultColumns);
  });

  it('rejects unknown and repeated fields', () => {
    expect(() => parseColumns('ts,password')).toThrow(/unknown column\(s\): password/);
    expect(() => parseColumns('ts,ts')).toThrow(/duplicate column\(s\): ts/);
  });
});
