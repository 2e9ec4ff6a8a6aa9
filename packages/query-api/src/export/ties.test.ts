import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TieOrderer, type HeldRow } from './ties';

type Row = HeldRow<string>;
const row = (primary: number, txid: string): Row => ({ record: txid, primary, txid });

/** Pushes a page of rows and gives the txids that came out, in order. */
function push(ties: TieOrderer<string>, rows: readonly Row[], last: boolean): string[] {
  const page = {
    length: rows.length,
    primary: (i: number) => rows[i]!.primary,
    txid: (i: number) => rows[i]!.txid,
  };
  const { held, ids } = ties.push(page, last, (i) => rows[i]!);
  return Array.from(ids, (id) => (id < held.length ? held[id]! : rows[id - held.length]!).txid);
}

describe('tie ordering across pages', () => {
  it('sorts runs of equal times by txid, holding a trailing run until the next page', () => {
    const ties = new TieOrderer<string>('asc');
    expect(push(ties, [row(9, 'b'), row(8, 'z'), row(8, 'c')], false)).toEqual(['b']);
    expect(push(ties, [row(8, 'a'), row(7, 'x')], false)).toEqual(['a', 'c', 'z']);
    expect(push(ties, [], true)).toEqual(['x']);
  });

  it('holds a run that fills whole pages until it ends', () => {
    const ties = new TieOrderer<string>('desc');
    expect(push(ties, [row(5, 'a'), row(5, 'c')], false)).toEqual([]);
    expect(push(ties, [row(5, 'b'), row(5, 'd')], false)).toEqual([]);
    expect(push(ties, [row(5, 'e'), row(4, 'f'), row(4, 'g')], true)).toEqual([
      'e',
      'd',
      'c',
      'b',
      'a',
      'g',
      'f',
    ]);
  });

  it('gives the total order (time descending, txid ascending) however rows are split into pages', () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.uuid()), { maxLength: 60 });
    fc.assert(
      fc.property(rows, fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1 }), (input, sizes) => {
        const unique = [...new Map(input.map(([t, id]) => [id, row(t, id)])).values()];
        // Elasticsearch's order: time descending, ties in an arbitrary (here: input) order.
        const fetched = [...unique].sort((a, b) => b.primary - a.primary);
        const ties = new TieOrderer<string>('asc');
        const out: string[] = [];
        let i = 0;
        for (let p = 0; i < fetched.length; p++) {
          const size = sizes[p % sizes.length]!;
          out.push(...push(ties, fetched.slice(i, i + size), false));
          i += size;
        }
        out.push(...push(ties, [], true));
        const expected = [...unique].sort((a, b) => b.primary - a.primary || (a.txid < b.txid ? -1 : 1));
        expect(out).toEqual(expected.map((r) => r.txid));
      }),
    );
  });
});
