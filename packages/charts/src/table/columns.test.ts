import { describe, expect, it } from 'vitest';
import { columnsFromFields, fieldFromCatalog, getPath } from './columns';
import { EMPTY, formatValue } from './formatCell';

describe('columnsFromFields', () => {
  const record = {
    ts: '2024-05-01T13:45:07.123Z',
    user: { name: 'alice', groups: ['admins', 'finance'] },
    attempts: 12345,
    reason: null,
    access_device: { ip_reputation: { is_vpn: false } },
  };
  const columns = columnsFromFields<typeof record>([
    { id: 'ts', label: 'Time', type: 'date' },
    { id: 'user.groups', label: 'Groups', type: 'keyword[]' },
    { id: 'attempts', label: 'Attempts', type: 'number' },
    { id: 'reason', label: 'Reason', type: 'keyword' },
    { id: 'access_device.ip_reputation.is_vpn', label: 'VPN', type: 'boolean' },
  ]);
  const shown = columns.map((c) => c.cell?.(c.accessor(record), record));

  it('reads dotted paths and formats each type', () => {
    expect(shown).toEqual(['2024-05-01 13:45:07 UTC', 'admins, finance', '12,345', EMPTY, 'no']);
  });

  it('compares numbers and dates as values, right-aligns numbers, and turns null into undefined', () => {
    expect(columns.map((c) => c.sortAs)).toEqual(['basic', 'text', 'basic', 'text', 'text']);
    expect(columns[2]?.align).toBe('end');
    expect(columns[3]?.accessor(record)).toBeUndefined();
  });

  it('maps field catalog entries', () => {
    expect(fieldFromCatalog({ name: 'seq', label: 'Sequence', kind: 'long' })).toEqual({
      id: 'seq',
      label: 'Sequence',
      type: 'number',
    });
    expect(fieldFromCatalog({ name: 'user.groups', label: 'Groups', kind: 'keyword[]' }).type).toBe(
      'keyword[]',
    );
  });
});

describe('formatValue', () => {
  it('keeps zero distinct from missing', () => {
    expect(formatValue(0, 'number')).toBe('0');
    expect(formatValue(undefined, 'number')).toBe(EMPTY);
    expect(formatValue('unknown', 'tristate')).toBe('unknown');
    expect(formatValue({ lat: 48.8566, lon: 2.3522 }, 'geo_point')).toBe('48.857, 2.352');
  });

  it('reads missing parents as undefined', () => {
    expect(getPath({ a: null }, 'a.b.c')).toBeUndefined();
  });
});
