import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportAuditLog, NewAuditEntry } from '../packages/query-api/src/export/audit';
import { InMemoryExportSlots } from '../packages/query-api/src/export/limits';
import { startExport } from '../packages/query-api/src/export/run';
import { pointsInTime } from '../packages/query-api/src/export/walk';
import { indexForTimestamp } from '../packages/query-api/src/store/mapping';
import { hmacCursorKey } from '../packages/query-api/src/server/cursor-key';
import { cleanTestMonth, esClient } from './ingest.support';
import { ingestRaw, rawRecord, type RawRecord } from './records.support';

/** This file's months: the one it exports and an unrelated one retention deletes mid-export. */
const MONTH = '2014-07';
const UNRELATED = '2014-09';
const PREFIX = 'itpit-';
const CUSTOMER = `${PREFIX}acme`;
const ROWS = 1500;
const es = esClient();

class RecordedAudit implements ExportAuditLog {
  entries: NewAuditEntry[] = [];
  async record(entry: NewAuditEntry) {
    this.entries.push(entry);
    return { id: String(this.entries.length), ...entry };
  }
  async list() {
    return { entries: [], next: null };
  }
}

beforeAll(async () => {
  for (const month of [MONTH, UNRELATED]) await cleanTestMonth(es, PREFIX, month);
  const records: RawRecord[] = [];
  for (let i = 0; i < ROWS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    records.push(rawRecord(CUSTOMER, `pit-${i}`, `2014-07-${day}T10:${String(i % 60).padStart(2, '0')}:00Z`));
  }
  records.push(rawRecord(CUSTOMER, 'pit-unrelated', '2014-09-10T10:00:00Z'));
  await ingestRaw(records);
});
afterAll(async () => {
  for (const month of [MONTH, UNRELATED]) await cleanTestMonth(es, PREFIX, month);
  await es.close();
});

describe('an export’s point in time', () => {
  it('survives the deletion of a monthly index outside its range, as retention would do mid-export', async () => {
    const audit = new RecordedAudit();
    const started = await startExport(
      {
        es,
        slots: new InMemoryExportSlots(1, 1),
        audit,
        cursors: hmacCursorKey('export pit test secret, 32 characters or more'),
        pageSize: 50,
      },
      {
        customer: CUSTOMER,
        token: 'test',
        format: 'ndjson',
        bom: false,
        escapeFormulae: true,
        frames: false,
        marker: true,
        definition: {
          timeRange: { from: '2014-07-01T00:00:00Z', to: '2014-08-01T00:00:00Z', timeZone: 'UTC' },
        },
        now: new Date(),
      },
    );
    if (started.kind !== 'stream') throw new Error('the export did not start');
    const reader = started.body.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await es.indices.delete({ index: indexForTimestamp(`${UNRELATED}-01T00:00:00Z`) });
    let text = new TextDecoder().decode(first.value);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const lines = text.trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toEqual({ _sightline: { complete: true, rows: ROWS } });
    expect(lines).toHaveLength(ROWS + 1);
    await expect.poll(() => audit.entries.map((e) => [e.outcome, e.rows])).toEqual([['complete', ROWS]]);
  });

  it('is opened again on the same shards, and fails once an index it read is deleted', async () => {
    // A point in time is lost when a node holding part of it leaves; the walk opens another and goes
    // on. Lost because its index was deleted, it must fail: opened again without that index, the
    // export would end early, and its file would pass for complete.
    const index = `${PREFIX}reopen`;
    await es.indices.delete({ index, ignore_unavailable: true });
    await es.indices.create({ index, settings: { number_of_shards: 2, number_of_replicas: 0 } });
    await es.index({ index, document: { a: 1 }, refresh: true });
    const pits = pointsInTime(es, index, '10s');
    const first = await pits.open();
    const again = await pits.reopen();
    await es.indices.delete({ index });
    await expect(pits.reopen()).rejects.toThrow(/index_not_found_exception/);
    for (const id of [first, again]) await es.closePointInTime({ id }).catch(() => {});
  });
});
