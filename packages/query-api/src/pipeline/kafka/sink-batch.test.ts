import { describe, expect, it } from 'vitest';
import { prepareBatch, type SinkMessage } from './sink-batch';

const INGESTED = '2026-03-01T12:00:00.000Z';
const message = (offset: number, key: string | null, value: string): SinkMessage => ({
  topic: 'sightline.authlog',
  partition: 2,
  offset: BigInt(offset),
  key: key === null ? undefined : Buffer.from(key),
  value: Buffer.from(value),
  headers: new Map([[Buffer.from('sightline-source'), Buffer.from('produce/a.ndjson')]]),
});
const record = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ txid: 't-1', ts: '2026-02-10T08:00:00Z', result: 'success', ...extra });

describe('prepareBatch', () => {
  it('indexes a record under its txid in its month, as the tenant named by the message key, stamped with the ingest time', () => {
    const { items, deadLetters } = prepareBatch(
      [message(7, 'acme', record())],
      INGESTED,
      (ts) => `idx-${ts.slice(0, 7)}`,
    );
    expect(deadLetters).toEqual([]);
    expect(items).toHaveLength(1);
    const [action, source] = items[0]!.payload.trimEnd().split('\n');
    expect(JSON.parse(action!)).toEqual({ create: { _index: 'idx-2026-02', _id: 't-1' } });
    expect(JSON.parse(source!)).toMatchObject({ txid: 't-1', customer_id: 'acme', ingested_at: INGESTED });
    expect(items[0]).toMatchObject({ line: 0, ts: '2026-02-10T08:00:00.000Z' });
  });

  it('dead-letters what cannot be stored, with the reason, keeping key, value, headers and position', () => {
    const batch = [
      message(1, 'acme', 'not json'),
      message(2, 'acme', JSON.stringify({ ts: '2026-02-10T08:00:00Z' })),
      message(3, 'acme', record({ ts: false })),
      message(4, 'acme', record({ customer_id: 'globex' })),
      message(5, null, record()),
      message(6, 'acme', record({ txid: 't-2' })),
      message(7, 'acme/../globex', record()),
    ];
    const { items, deadLetters } = prepareBatch(batch, INGESTED, () => 'idx');
    expect(deadLetters.map((l) => [l.offset, l.reason])).toEqual([
      [1n, 'not_json'],
      [2n, 'no_txid'],
      [3n, 'no_time'],
      [4n, 'tenant_mismatch'],
      [5n, 'no_tenant'],
      [7n, 'bad_tenant'],
    ]);
    expect(deadLetters[3]!.detail).toBe('customer_id "globex" is not the message key "acme"');
    expect(deadLetters[0]).toMatchObject({ topic: 'sightline.authlog', partition: 2 });
    expect(deadLetters[0]!.value?.toString()).toBe('not json');
    expect(deadLetters[0]!.headers).toBe(batch[0]!.headers);
    expect(items.map((i) => i.line)).toEqual([5]);
  });

  it('gives a record without customer_id (a Duo export) the tenant of its key', () => {
    const duo = JSON.stringify({ txid: 'd-1', isotimestamp: '2026-02-10T08:00:00Z', result: 'SUCCESS' });
    const { items } = prepareBatch([message(1, 'initech', duo)], INGESTED, () => 'idx');
    expect(JSON.parse(items[0]!.payload.split('\n')[1]!)).toMatchObject({
      customer_id: 'initech',
      result: 'success',
    });
  });
});
