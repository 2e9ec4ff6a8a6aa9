import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TieOrderer, type TiedRow } from './ties';

const row = (primary: number, txid: string): TiedRow => ({ record: { txid }, primary, txid });

describe('tie ordering across pages', () => {
  it('sorts runs of equal times by txid, holding a trailing run until the next page', () => {
    const ties = new TieOrderer('asc');
    expect(ties.push([row(9, 'b'), row(8, 'z'), row(8, 'c')], false).map((r) => r.txid)).toEqual(['b']);
    expect(ties.push([row(8, 'a'), row(7, 'x')], false).map((r) => r.txid)).toEqual(['a', 'c', 'z']);
    expect(ties.push([], true).map((r) => r.txid)).toEqual(['x']);
  });

  it('gives the total order (time descending, txid ascending) however rows are split into pages', () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.uuid()), { maxLength: 60 });
    fc.assert(
      fc.property(rows, fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1 }), (input, sizes) => {
        const unique = [...new Map(input.map(([t, id]) => [id, row(t, id)])).values()];
        // Elasticsearch's order: time descending, ties in an arbitrary (here: input) order.
        const fetched = [...unique].sort((a, b) => b.primary - a.primary);
        const ties = new TieOrderer('asc');
        const out: TiedRow[] = [];
        let i = 0;
        for (let p = 0; i < fetched.length; p++) {
          const size = sizes[p % sizes.length]!;
          out.push(...ties.push(fetched.slice(i, i + size), false));
          i += size;
        }
        out.push(...ties.push([], true));
        const expected = [...unique].sort((a, b) => b.primary - a.primary || (a.txid < b.txid ? -1 : 1));
        expect(out.map((r) => r.txid)).toEqual(expected.map((r) => r.txid));
      }),
    );
  });
});
