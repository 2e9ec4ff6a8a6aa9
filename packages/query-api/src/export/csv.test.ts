import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsvEncoder, formatValue, mayBecomeFormula, neutraliseFormula, UTF8_BOM } from './csv';

const DANGEROUS = ['=', '+', '-', '@', '\t', '\r', '\n'];

const parseCsv = (text: string): string[][] => parse(text, { bom: true, relax_column_count: false });

/** Every piece a spreadsheet could make of a cell's text, in any locale: split at each list separator, tab or line break. */
const pieces = (text: string) => text.split(/[,;\t\r\n]/);
const startsLikeFormula = (piece: string) => /^[ "]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(piece);
/** What a German, French or English spreadsheet sees as cells when it splits a line at its list separator. */
const cellsIn = (line: string, separator: ',' | ';') => line.replace(/\r\n$/, '').split(separator);

describe('formula neutralisation', () => {
  it('guards a cell that starts with a dangerous character', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DANGEROUS), fc.string(), (lead, rest) => {
        expect(neutraliseFormula(lead + rest).startsWith(`'${lead}`)).toBe(true);
      }),
    );
  });

  it('leaves no piece of any text starting like a formula, whatever separator splits it', () => {
    const dangerous = fc.string({
      unit: fc.constantFrom('=', '+', '-', '@', ';', ',', '\t', '\r', '\n', ' ', '"', 'x', '1'),
    });
    fc.assert(
      fc.property(fc.oneof(fc.string(), dangerous), (s) => {
        const guarded = neutraliseFormula(s);
        expect(mayBecomeFormula(guarded)).toBe(false);
        expect(pieces(guarded).filter(startsLikeFormula)).toEqual([]);
        expect(DANGEROUS.slice(4)).not.toContain(guarded[0]);
        // Only guard characters are added: the reader still sees the whole text.
        expect(guarded.replaceAll("'", '')).toBe(s.replaceAll("'", ''));
        if (!mayBecomeFormula(s)) expect(guarded).toBe(s);
      }),
    );
  });

  it.each([
    ['x;=1+1;', "x;'=1+1;"],
    ['-1+1', "'-1+1"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\t=1', "'\t'=1"],
    ['\r=1', "'\r'=1"],
    ['a,+1', "a,'+1"],
    ['a; -2+3', "a;' -2+3"],
    ['a;"=1"', 'a;\'"=1"'],
    ['line\n=HYPERLINK("x")', 'line\n\'=HYPERLINK("x")'],
    ['\uFF1DSUM(A1)', "'\uFF1DSUM(A1)"],
    ['plain text; with, separators', 'plain text; with, separators'],
  ])('%j becomes %j', (text, guarded) => {
    expect(neutraliseFormula(text)).toBe(guarded);
  });

  it('quotes cells holding either list separator, and guards every part after one', () => {
    const encoder = createCsvEncoder({ columns: ['user.name', 'user.groups', 'reason'] });
    const csv = encoder.rows([{ user: { name: 'x;=1+1;', groups: ['ok', '=cmd|x', '+1'] }, reason: 'a,@b' }]);
    expect(csv).toBe(`"x;'=1+1;","ok;'=cmd|x;'+1","a,'@b"\r\n`);
    for (const separator of [',', ';'] as const)
      expect(cellsIn(csv, separator).filter(startsLikeFormula)).toEqual([]);
    expect(parseCsv(csv)).toEqual([["x;'=1+1;", "ok;'=cmd|x;'+1", "a,'@b"]]);
  });

  it('keeps numbers readable: negative numbers and coordinates are values, not formulas', () => {
    const csv = createCsvEncoder({ columns: ['seq', 'access_device.location.geo'] }).rows([
      { seq: -5, access_device: { location: { geo: { lat: -33.86, lon: -151.21 } } } },
    ]);
    expect(parseCsv(csv)).toEqual([['-5', '-33.86,-151.21']]);
  });

  it('writes guarded cells that parse back to the guarded text, whatever they contain', () => {
    const encoder = createCsvEncoder({ columns: ['user.name', 'application.name'] });
    fc.assert(
      fc.property(fc.constantFrom(...DANGEROUS), fc.string(), fc.string(), (lead, rest, other) => {
        const name = lead + rest;
        const csv = encoder.rows([{ user: { name }, application: { name: other } }]);
        const [row] = parseCsv(csv);
        expect(row).toEqual([neutraliseFormula(name), neutraliseFormula(other)]);
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
