import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsvEncoder, formatValue, neutraliseFormula, startsLikeFormula, UTF8_BOM } from './csv';

const DANGEROUS = ['=', '+', '-', '@', '\t', '\r', '\n'];

const parseCsv = (text: string): string[][] => parse(text, { bom: true, relax_column_count: false });

describe('formula neutralisation', () => {
  it('guards every string that starts with a dangerous character, and only those', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DANGEROUS), fc.string(), (lead, rest) => {
        const cell = lead + rest;
        expect(neutraliseFormula(cell)).toBe(`'${cell}`);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        const guarded = neutraliseFormula(s);
        if (s.length > 0 && DANGEROUS.includes(s[0]!)) expect(guarded).toBe(`'${s}`);
        else if (!startsLikeFormula(s)) expect(guarded).toBe(s);
        expect(startsLikeFormula(guarded)).toBe(false);
      }),
    );
  });

  it('writes guarded cells that parse back to the guarded text, whatever they contain', () => {
    const encoder = createCsvEncoder({ columns: ['user.name', 'application.name'] });
    fc.assert(
      fc.property(fc.constantFrom(...DANGEROUS), fc.string(), fc.string(), (lead, rest, other) => {
        const name = lead + rest;
        const csv = encoder.rows([{ user: { name }, application: { name: other } }]);
        const [row] = parseCsv(csv);
        expect(row).toEqual([`'${name}`, neutraliseFormula(other)]);
      }),
    );
  });

  it('leaves cells alone when the caller opts out', () => {
    const encoder = createCsvEncoder({ columns: ['user.name'], escapeFormulae: false });
    fc.assert(
      fc.property(fc.constantFrom(...DANGEROUS), fc.string(), (lead, rest) => {
        const name = lead + rest;
        expect(parseCsv(encoder.rows([{ user: { name } }]))).toEqual([[name]]);
      }),
    );
  });

  it('guards the full-width forms some spreadsheets normalise', () => {
    expect(neutraliseFormula('\uFF1DSUM(A1)')).toBe("'\uFF1DSUM(A1)");
  });
});

describe('RFC 4180 output', () => {
  it('round-trips arbitrary text through csv-parse', () => {
    const encoder = createCsvEncoder({ columns: ['user.name', 'email', 'reason'], escapeFormulae: false });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string(), fc.string()), { maxLength: 20 }), (rows) => {
        const records = rows.map(([name, email, reason]) => ({ user: { name }, email, reason }));
        const parsed = parseCsv(encoder.header() + encoder.rows(records));
        expect(parsed).toEqual([['user.name', 'email', 'reason'], ...rows]);
      }),
    );
  });

  it('ends every record with CRLF and quotes only where needed', () => {
    const encoder = createCsvEncoder({ columns: ['user.name', 'email'] });
    expect(encoder.header()).toBe('user.name,email\r\n');
    expect(encoder.rows([{ user: { name: 'a "b", c' }, email: 'x\ny' }])).toBe('"a ""b"", c","x\ny"\r\n');
  });

  it('prepends the byte order mark only when asked', () => {
    expect(createCsvEncoder({ columns: ['ts'], bom: true }).header()).toBe(`${UTF8_BOM}ts\r\n`);
    expect(
      createCsvEncoder({ columns: ['ts'] })
        .header()
        .startsWith(UTF8_BOM),
    ).toBe(false);
  });
});

describe('cell values', () => {
  const encoder = createCsvEncoder({
    columns: [
      'ts',
      'user.groups',
      'access_device.ip_reputation.is_vpn',
      'access_device.is_firewall_enabled',
      'access_device.is_password_set',
      'reason',
      'seq',
      'access_device.location.geo',
    ],
  });

  it('formats dates, arrays, booleans, tri-states, nulls, numbers and points', () => {
    const csv = encoder.rows([
      {
        ts: '2024-05-01T10:00:00+02:00',
        user: { groups: ['admins', 'vpn users'] },
        access_device: {
          ip_reputation: { is_vpn: false },
          is_firewall_enabled: 'unknown',
          is_password_set: true,
          location: { geo: { lat: -33.86, lon: 151.21 } },
        },
        reason: null,
        seq: 42,
      },
    ]);
    expect(parseCsv(csv)).toEqual([
      ['2024-05-01T08:00:00.000Z', 'admins;vpn users', 'false', 'unknown', 'true', '', '42', '-33.86,151.21'],
    ]);
  });

  it('leaves a missing parent object as empty cells', () => {
    expect(parseCsv(encoder.rows([{ ts: 0 }]))).toEqual([
      ['1970-01-01T00:00:00.000Z', '', '', '', '', '', '', ''],
    ]);
  });

  it('keeps an unparseable date as text, guarded like any text', () => {
    expect(formatValue('not a date', 'date').text).toBe('not a date');
    const guarded = createCsvEncoder({ columns: ['ts'] }).rows([{ ts: '-1 day' }]);
    expect(guarded).toBe("'-1 day\r\n");
  });

  it('guards an array cell whose first item starts like a formula', () => {
    const csv = createCsvEncoder({ columns: ['user.groups'] }).rows([{ user: { groups: ['=cmd|x', 'b'] } }]);
    expect(parseCsv(csv)).toEqual([["'=cmd|x;b"]]);
  });
});
