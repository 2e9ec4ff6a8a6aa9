import type { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexTemplate, putNewFields } from '../packages/query-api/src/ingest/template';
import { INDEX_PREFIX, MAPPING_VERSION } from '../packages/query-api/src/store/mapping';
import { esClient } from './ingest.support';

/**
 * An index created before fields were added to the schema: strict mappings refuse the new fields
 * until ensureTemplate puts them in place. A rebuild-named index of this file's own month, outside
 * the template's pattern and the read alias, so it starts without them and nobody else reads it.
 */
const MONTH = '1996.09';
const INDEX = `${INDEX_PREFIX}-v${MAPPING_VERSION}.r9-${MONTH}`;
const NEW_TOP_LEVEL = ['risk'];

const doc = {
  txid: 'tmpl-1',
  customer_id: 'tmpl-acme',
  ts: '1996-09-02T10:00:00.000Z',
  ingested_at: '1996-09-02T10:00:01.000Z',
  result: 'success',
  application: { name: 'Acme Corp IdP', destination_name: 'Microsoft 365' },
  risk: { trust_level: 'LOW', attacks: ['NOVEL_ASN'], travel_velocity: 3360 },
};

async function drop(es: Client) {
  await es.indices.delete({ index: INDEX, ignore_unavailable: true });
}

describe('ensureTemplate on indices created before a field was added', () => {
  const es = esClient();

  beforeAll(async () => {
    await drop(es);
    const { settings, mappings } = indexTemplate().template;
    const properties = Object.fromEntries(
      Object.entries(mappings.properties).filter(([k]) => !NEW_TOP_LEVEL.includes(k)),
    ) as Record<string, { properties?: Record<string, unknown> }>;
    const application = { ...properties.application!.properties };
    delete application.destination_name;
    properties.application = { properties: application };
    await es.indices.create({ index: INDEX, settings, mappings: { dynamic: 'strict', properties } } as never);
  });

  afterAll(async () => {
    await drop(es);
    await es.close();
  });

  it('refuses the new fields before, adds them in place after, and stays idempotent', async () => {
    await expect(es.index({ index: INDEX, id: doc.txid, document: doc })).rejects.toThrow(
      /strict_dynamic_mapping_exception/,
    );

    await putNewFields(es);
    await putNewFields(es);

    const mapping = (await es.indices.getMapping({ index: INDEX }))[INDEX]!.mappings.properties!;
    const risk = (mapping.risk as { properties: Record<string, { type: string }> }).properties;
    expect(risk.attacks!.type).toBe('keyword');
    expect(risk.travel_velocity!.type).toBe('long');
    expect(risk.passport_supported!.type).toBe('boolean');
    const application = (mapping.application as { properties: Record<string, unknown> }).properties;
    expect(application.destination_name).toMatchObject({ type: 'keyword' });

    await es.index({ index: INDEX, id: doc.txid, document: doc, refresh: true });
    const found = await es.search({ index: INDEX, query: { term: { 'risk.attacks': 'NOVEL_ASN' } } });
    expect(found.hits.hits.map((h) => h._id)).toEqual([doc.txid]);
  });
});
