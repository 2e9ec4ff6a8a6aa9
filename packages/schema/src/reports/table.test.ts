import { describe, expect, it } from 'vitest';
import type { LogResult } from './result';
import { formatTable, resultTable } from './table';

const meta = { tookMs: 1, from: '2026-11-19T10:16:00.000Z', to: '2026-11-20T10:16:00.000Z', timeZone: 'UTC' };

function log(rows: LogResult['rows']): LogResult {
  return { view: 'log', rows, total: rows.length, nextCursor: null, meta };
}

describe('resultTable of a log', () => {
  it('has the asked-for columns, in their order, named by field', () => {
    const table = resultTable(
      log([{ txid: 't1', ts: '2026-11-20T10:00:00.000Z', user: { name: 'ana' }, result: 'denied' }]),
      { columns: ['user.name', 'result'] },
    );
    expect(table).toEqual({ headers: ['user.name', 'result'], rows: [['ana', 'denied']] });
  });

  it('leaves a cell empty where the row lacks the field or holds null', () => {
    const table = resultTable(log([{ txid: 't1', ts: '2026-11-20T10:00:00.000Z', reason: null }]), {
      columns: ['result', 'reason', 'user.name'],
    });
    expect(table.rows).toEqual([['', '', '']]);
  });

  it('writes lists comma-separated, geo points as lat,lon and flags as true/false', () => {
    const table = resultTable(
      log([
        {
          txid: 't1',
          ts: '2026-11-20T10:00:00.000Z',
          user: { groups: ['HR', 'Sales'] },
          access_device: { location: { geo: { lat: 52.52, lon: 13.4 } }, ip_reputation: { is_vpn: false } },
        },
      ]),
      { columns: ['user.groups', 'access_device.location.geo', 'access_device.ip_reputation.is_vpn'] },
    );
    expect(table.rows).toEqual([['HR, Sales', '52.52,13.4', 'false']]);
  });

  it('without columns, shows when, the result, who, the application and the IP', () => {
    const table = resultTable(log([]));
    expect(table.headers).toEqual(['ts', 'result', 'user.name', 'application.name', 'access_device.ip']);
  });
});

describe('formatTable', () => {
  it('aligns columns to their widest cell and trims trailing space', () => {
    expect(
      formatTable({
        headers: ['a', 'bb'],
        rows: [
          ['long', ''],
          ['x', 'y'],
        ],
      }),
    ).toBe(['a     bb', '----  --', 'long', 'x     y'].join('\n'));
  });
});
