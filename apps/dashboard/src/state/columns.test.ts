import { fieldNames } from '@sightline/schema';
import { describe, expect, it } from 'vitest';
import { columnsAfterToggle, DEFAULT_COLUMNS } from './columns';

describe('the log’s column choice', () => {
  it('offers every field of the schema, not only the default columns', () => {
    const all = columnsAfterToggle(DEFAULT_COLUMNS, () => true);
    expect(all).toHaveLength(fieldNames.length);
    expect(all.slice(0, DEFAULT_COLUMNS.length)).toEqual(DEFAULT_COLUMNS);
  });

  it('keeps shown columns in place, puts a newly shown one last and keeps at least one', () => {
    const shown = new Set(['result', 'ts', 'email']);
    expect(columnsAfterToggle(['result', 'ts'], (f) => shown.has(f))).toEqual(['result', 'ts', 'email']);
    expect(columnsAfterToggle(['result', 'ts', 'email'], (f) => f === 'result' || f === 'email')).toEqual([
      'result',
      'email',
    ]);
    expect(columnsAfterToggle(['result'], () => false)).toEqual(['result']);
  });
});
