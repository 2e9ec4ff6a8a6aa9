import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { BulkResponse } from './bulk';
import { RejectFile } from './rejects';
import { ingestItems } from './run';
import { readSource } from './source';

const good = (txid: string, ts: string) => JSON.stringify({ txid, customer_id: 'c1', ts, result: 'success' });

/** Records what reached the transport; refuses documents whose txid starts with "refuse". */
function capture() {
  const docs: { action: { create: { _index: string; _id: string } }; source: Record<string, unknown> }[] = [];
  return {
    docs,
    transport: {
      async bulk(body: string): Promise<BulkResponse> {
        const lines = body.trimEnd().split('\n');
        const items = [];
        for (let i = 0; i < lines.length; i += 2) {
          const action = JSON.parse(lines[i]!);
          const source = JSON.parse(lines[i + 1]!);
          docs.push({ action, source });
          items.push(
            String(source.txid).startsWith('refuse')
              ? { index: { status: 400, error: { type: 'document_parsing_exception', reason: 'bad value' } } }
              : { index: { status: 201 } },
          );
        }
        return { status: 200, body: { errors: true, items } };
      },
    },
  };
}

describe('ingestItems', () => {
  it('indexes good lines by txid into their month, and writes bad ones with line number and reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-run-'));
    const input = [
      good('a', '2026-10-31T23:59:59Z'),
      '{"txid": "broken',
      '',
      good('b', '2026-11-01T00:00:00Z'),
      JSON.stringify({ customer_id: 'c1', ts: '2026-11-01T00:00:00Z' }),
      JSON.stringify({ txid: 'no-time', customer_id: 'c1' }),
      JSON.stringify({ txid: 'no-tenant', ts: '2026-11-01T00:00:00Z' }),
      good('refuse-me', '2026-11-02T00:00:00Z'),
      good('flag', '2030-01-01T00:00:00Z'),
    ].join('\n');
    const { docs, transport } = capture();
    const rejects = new RejectFile(join(dir, 'rejects.ndjson'));
    const summary = await ingestItems({
      transport,
      items: readSource(Readable.from([Buffer.from(input)])),
      rejects,
      bulk: { maxDocs: 2 },
      clock: () => new Date('2026-11-20T00:00:00Z'),
    });
    await rejects.close();

    expect(docs.map((d) => [d.action.create._id, d.action.create._index])).toEqual([
      ['a', 'sightline-authlog-v1-2026.10'],
      ['b', 'sightline-authlog-v1-2026.11'],
      ['refuse-me', 'sightline-authlog-v1-2026.11'],
      ['flag', 'sightline-authlog-v1-2030.01'],
    ]);
    expect(docs[0]!.source).toMatchObject({
      txid: 'a',
      ingested_at: '2026-11-20T00:00:00.000Z',
      reason: null,
    });
    expect(summary).toMatchObject({ read: 8, indexed: 3, flagged: 1, rejected: 5 });

    const lines = readFileSync(join(dir, 'rejects.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.line, l.reason])).toEqual([
      [2, 'not_json'],
      [5, 'no_txid'],
      [6, 'no_time'],
      [7, 'no_tenant'],
      [8, 'elasticsearch'],
    ]);
    expect(lines[0].raw).toBe('{"txid": "broken');
    expect(lines[4].detail).toBe('document_parsing_exception: bad value');
    expect(JSON.parse(lines[4].raw).txid).toBe('refuse-me');
  });

  it('writes no reject file when every record is good', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-run-'));
    const rejects = new RejectFile(join(dir, 'none.ndjson'));
    const summary = await ingestItems({
      transport: capture().transport,
      items: [{ line: 1, value: JSON.parse(good('x', '2026-01-01T00:00:00Z')) }],
      rejects,
    });
    await rejects.close();
    expect(summary.rejectsFile).toBeNull();
    expect(() => readFileSync(join(dir, 'none.ndjson'))).toThrow();
  });
});
