import { describe, expect, it } from 'vitest';
import { createNdjsonEncoder, ndjsonTrailer, projectRecord } from './ndjson';
import { readSearchResponse } from './search-response';

const record = {
  txid: 't1',
  ts: '2024-05-01T00:00:00.000Z',
  user: { name: 'ann', groups: ['a'] },
  reason: null,
};

describe('NDJSON', () => {
  it('writes the whole record, one line each', () => {
    const out = createNdjsonEncoder(undefined)
      .rows([record, { ...record, txid: 't2' }])
      .toString();
    const lines = out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0]!)).toEqual(record);
    expect(JSON.parse(lines[1]!).txid).toBe('t2');
  });

  it('writes stored records from Elasticsearch as the lines JSON.stringify would give', () => {
    const stored = [record, { ...record, txid: 't"2\\', user: { name: 'zoë\n', groups: [] } }];
    const body = Buffer.from(
      JSON.stringify({ hits: { hits: stored.map((r, i) => ({ _id: String(i), _source: r, sort: [i] })) } }),
    );
    const sources = readSearchResponse(body).hits;
    const expected = stored.map((r) => JSON.stringify(r) + '\n').join('');
    expect(createNdjsonEncoder(undefined).rows(sources).toString()).toBe(expected);
    expect(createNdjsonEncoder(['txid']).rows(sources).toString()).toBe(
      '{"txid":"t1"}\n{"txid":"t\\"2\\\\"}\n',
    );
  });

  it('re-serialises a stored record that is not one compact line', () => {
    const body = Buffer.from(`{"hits":{"hits":[{"_source":{\n  "txid": "t1",\r\n  "n": [1, 2]\n}}]}}`);
    const sources = readSearchResponse(body).hits;
    expect(createNdjsonEncoder(undefined).rows(sources).toString()).toBe('{"txid":"t1","n":[1,2]}\n');
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
