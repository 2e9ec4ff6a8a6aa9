import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { EsExportSlots } from '../packages/query-api/src/export/es-slots';
import { esClient } from './ingest.support';

/** This file's own slot index, dropped at the end. */
const INDEX = 'sightline-export-slots-itest';
const es = esClient();

afterAll(async () => {
  await es.indices.delete({ index: INDEX, ignore_unavailable: true });
  await es.close();
});

describe('export slots shared by several API instances through Elasticsearch', () => {
  it('lets a customer run its maximum across all instances together, and frees slots on release', async () => {
    const customer = `slots-${randomUUID()}`;
    const [a, b] = [new EsExportSlots(es, 2, { index: INDEX }), new EsExportSlots(es, 2, { index: INDEX })];
    const first = await a.tryAcquire(customer);
    const second = await b.tryAcquire(customer);
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(await a.tryAcquire(customer)).toBeNull();
    expect(await b.tryAcquire(customer)).toBeNull();
    // Another customer is not affected.
    const other = await b.tryAcquire(`${customer}-other`);
    expect(other).not.toBeNull();
    await first!.release();
    await first!.release();
    const third = await b.tryAcquire(customer);
    expect(third).not.toBeNull();
    expect(await a.tryAcquire(customer)).toBeNull();
    await Promise.all([second!.release(), third!.release(), other!.release()]);
    expect(await a.tryAcquire(customer)).not.toBeNull();
  });

  it('gives the slot of an instance that died mid-export to another once its lease has expired', async () => {
    const customer = `slots-${randomUUID()}`;
    let now = Date.now();
    const clock = () => now;
    const crashed = new EsExportSlots(es, 1, { index: INDEX, leaseMs: 60_000, now: clock });
    const survivor = new EsExportSlots(es, 1, { index: INDEX, leaseMs: 60_000, now: clock });
    expect(await crashed.tryAcquire(customer)).not.toBeNull();
    expect(await survivor.tryAcquire(customer)).toBeNull();
    now += 61_000;
    const taken = await survivor.tryAcquire(customer);
    expect(taken).not.toBeNull();
    await taken!.release();
  });

  it('hands each slot to one taker when many instances race for it', async () => {
    const customer = `slots-${randomUUID()}`;
    const instances = Array.from({ length: 6 }, () => new EsExportSlots(es, 2, { index: INDEX }));
    const leases = await Promise.all(instances.map((s) => s.tryAcquire(customer)));
    expect(leases.filter((l) => l !== null)).toHaveLength(2);
    await Promise.all(leases.map((l) => l?.release()));
  });
});
