import { describe, expect, it } from 'vitest';
import { createNdjsonEncoder, ndjsonTrailer, projectRecord } from './ndjson';

const record = {
  txid: 't1',
  ts: '2024-05-01T00:00:00.000Z',
  user: { name: 'ann', groups: ['a'] },
  reason: null,
};

describe('NDJSON', () => {
  it('writes the whole record, one line each', () => {
    const out = createNdjsonEncoder(undefined).rows([record, { ...record, txid: 't2' }]);
    const lines = out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0]!)).toEqual(record);
    expect(JSON.parse(lines[1]!).txid).toBe('t2');
  });

  it('keeps only the chosen columns, nested, with null for what is missing', () => {
    expect(projectRecord(record, ['user.name', 'txid', 'access_device.ip'])).toEqual({
      user: { name: 'ann' },
      txid: 't1',
      access_device: { ip: null },
    });
  });

  it('ends with a trailer that says whether the export is whole', () => {
    expect(JSON.parse(ndjsonTrailer({ complete: true, rows: 3 }))).toEqual({
      _sightline: { complete: true, rows: 3 },
    });
    expect(JSON.parse(ndjsonTrailer({ complete: false, rows: 1, error: 'boom' }))).toEqual({
      _sightline: { complete: false, rows: 1, error: 'boom' },
    });
  });
});
