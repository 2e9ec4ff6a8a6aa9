import { afterAll, describe, expect, it } from 'vitest';
import {
  ALL_SUMMARY_INDICES,
  SUMMARY_STATE_INDEX,
  SUMMARY_VERSION,
  summaryIndexEnsurer,
  summaryStateEnsurer,
  writeSummaryState,
} from '../packages/query-api/src/summaries';
import { retireEarlierSummaries } from '../packages/query-api/src/summaries/retire';
import { esClient } from './ingest.support';

const client = esClient();
/** This file's stand-ins for an earlier and a later version's summaries and states. */
const EARLIER = `sightline-summary-itestretire-v${SUMMARY_VERSION - 1}`;
const LATER = `sightline-summary-itestretire-v${SUMMARY_VERSION + 1}`;
const EARLIER_STATE = `summariser-v${SUMMARY_VERSION - 1}-itestretire`;
const LATER_STATE = `summariser-v${SUMMARY_VERSION + 1}-itestretire`;
const state = { watermark: 0, through: 0, pending: [], customers: [], updatedAt: 0 };

afterAll(async () => {
  await client.indices.delete({ index: [EARLIER, LATER], ignore_unavailable: true });
  for (const id of [EARLIER_STATE, LATER_STATE])
    await client.delete({ index: SUMMARY_STATE_INDEX, id, refresh: true }, { ignore: [404] });
  await client.close();
});

describe('retiring earlier summary versions', () => {
  it("deletes an earlier version's summaries and state, and leaves this version's and a later one's", async () => {
    await summaryIndexEnsurer(client)();
    await summaryStateEnsurer(client)();
    for (const index of [EARLIER, LATER])
      if (!(await client.indices.exists({ index }))) await client.indices.create({ index });
    for (const id of [EARLIER_STATE, LATER_STATE]) await writeSummaryState(client, state, id);

    const retired = await retireEarlierSummaries(client);
    expect(retired.indices).toContain(EARLIER);
    expect(retired.states).toContain(EARLIER_STATE);
    expect(await client.indices.exists({ index: EARLIER })).toBe(false);
    expect(await client.indices.exists({ index: LATER })).toBe(true);
    for (const index of ALL_SUMMARY_INDICES) expect(await client.indices.exists({ index }), index).toBe(true);
    expect(await client.exists({ index: SUMMARY_STATE_INDEX, id: EARLIER_STATE })).toBe(false);
    expect(await client.exists({ index: SUMMARY_STATE_INDEX, id: LATER_STATE })).toBe(true);

    // Nothing earlier is left: a second call removes nothing of this file's.
    const again = await retireEarlierSummaries(client);
    expect([...again.indices, ...again.states].filter((n) => n.includes('itestretire'))).toEqual([]);
  });
});
