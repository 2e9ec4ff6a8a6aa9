import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, FindingOf } from '@sightline/schema/api';
import { findingId } from '../packages/query-api/src/detection/finding-id';
import {
  legacyVolumeFindingId,
  removeLegacyVolumeFindings,
} from '../packages/query-api/src/findings/legacy-volume';
import { EsFindingStore } from '../packages/query-api/src/findings/store';
import { runDetect } from '../packages/query-api/src/pipeline/detect/run';
import { esClient } from './ingest.support';
import { createTestTopics, dropTestPipeline, testPipeline } from './kafka.support';

/** This file's customers, findings indices and (for the detector's start) topic and group. */
const PREFIX = 'itest-legacyvol-';
const ACME = `${PREFIX}acme`;
const GLOBEX = `${PREFIX}globex`;
const run = randomUUID().slice(0, 8);
const indices = {
  findings: `sightline-findings-itest-legacyvol-${run}`,
  mutes: `sightline-finding-mutes-itest-legacyvol-${run}`,
  audit: `sightline-findings-audit-itest-legacyvol-${run}`,
};
const config = testPipeline('legacyvol');
const client = esClient();
const store = new EsFindingStore(client, indices);

const hourAt = (h: number) => new Date(Date.UTC(2026, 8, 2, 0) + h * 3_600_000).toISOString();

/** A volume finding as the detector stored them before incidents: one per value and window. */
function perWindow(customer: string, h: number, hours = 1, value = 'RO'): FindingOf<'volume_anomaly'> {
  const details = {
    dimension: 'country' as const,
    value,
    hour: hourAt(h),
    hours,
    count: 40,
    expected: 1.5,
    baselineShare: 0.01,
  };
  return {
    id: legacyVolumeFindingId(customer, details)!,
    customer,
    type: 'volume_anomaly',
    severity: 'high',
    score: 70,
    reason: `40 attempts from Romania in the hour from ${hourAt(h).slice(11, 16)} UTC, 1.5 expected`,
    user: null,
    address: null,
    firstSeen: hourAt(h),
    lastSeen: hourAt(h + hours),
    evidence: [`${PREFIX}${h}`],
    evidenceCount: 40,
    details,
  };
}

/** The incident that supersedes them: the same leading value, under the incident's id. */
function incident(customer: string, h: number): FindingOf<'volume_anomaly'> {
  const old = perWindow(customer, h, 2);
  return {
    ...old,
    id: findingId(customer, 'volume_anomaly', 'incident', hourAt(h)),
    reason: '80 attempts from Romania between 17:00 and 19:00 UTC (3 expected)',
    details: { ...old.details, until: hourAt(h + 2), also: [] },
  };
}

const otherType: Finding = {
  id: findingId(ACME, 'brute_force', 'user:bo', hourAt(3)),
  customer: ACME,
  type: 'brute_force',
  severity: 'medium',
  score: 50,
  reason: '6 invalid passcodes in 5 minutes',
  user: 'bo',
  address: '203.0.113.9',
  firstSeen: hourAt(3),
  lastSeen: hourAt(3),
  evidence: [`${PREFIX}code-1`],
  evidenceCount: 6,
  details: {
    subject: 'user',
    failures: 6,
    invalidPasscodes: 6,
    minutes: 5,
    succeededBy: null,
    users: ['bo'],
  },
};

async function storedIds(): Promise<string[]> {
  await client.indices.refresh({ index: indices.findings });
  const response = await client.search<{ id: string }>({ index: indices.findings, size: 10_000 });
  return response.hits.hits.map((h) => h._id!).sort();
}

describe('per-window volume findings left from before incidents', () => {
  beforeAll(async () => {
    await createTestTopics(config, 1);
  });
  afterAll(async () => {
    await dropTestPipeline(config);
    await client.indices.delete({ index: Object.values(indices) }, { ignore: [404] });
    await client.close();
  });

  it(
    'are removed, every page of them and only them, and a second run removes none',
    { timeout: 120_000 },
    async () => {
      // More than a page (1,000) of per-window findings, of two customers, an hour and six hours long.
      const old = [
        ...Array.from({ length: 1100 }, (_, h) => perWindow(ACME, h)),
        perWindow(ACME, 17, 6),
        perWindow(GLOBEX, 17),
      ];
      const kept = [incident(ACME, 17), incident(GLOBEX, 17), otherType];
      await store.upsert([...old, ...kept], hourAt(2000));
      // An admin had reviewed the incident: its status stays with it.
      await store.setStatus({
        customer: ACME,
        id: kept[0]!.id,
        status: 'suspicious',
        token: 't',
        at: hourAt(2000),
      });
      expect(await storedIds()).toHaveLength(old.length + kept.length);

      let heard = 0;
      expect(await removeLegacyVolumeFindings(client, indices.findings, (n) => (heard += n))).toBe(
        old.length,
      );
      expect(heard).toBe(old.length);
      expect(await storedIds()).toEqual(kept.map((f) => f.id).sort());
      expect((await store.get(ACME, kept[0]!.id))?.status).toBe('suspicious');
      expect(await store.get(ACME, kept[0]!.id)).toMatchObject({ details: kept[0]!.details });

      expect(await removeLegacyVolumeFindings(client, indices.findings)).toBe(0);
      expect(await storedIds()).toEqual(kept.map((f) => f.id).sort());
    },
  );

  it('leave an index that does not exist yet alone', async () => {
    expect(await removeLegacyVolumeFindings(client, `${indices.findings}-none`)).toBe(0);
  });

  it('are removed when the detector starts, which says how many', { timeout: 120_000 }, async () => {
    const stale = perWindow(GLOBEX, 30, 1, 'CN');
    await store.upsert([stale], hourAt(2000));
    const stop = new AbortController();
    const lines: string[] = [];
    const done = runDetect({
      config,
      es: client,
      store,
      signal: stop.signal,
      sessionTimeoutMs: 6000,
      log: (line) => lines.push(line),
    });
    try {
      const deadline = Date.now() + 60_000;
      while (!lines.some((l) => /joined/.test(l)) && Date.now() < deadline) await sleep(100);
      expect(lines, lines.join('\n')).toContain(
        'detect: removed 1 per-window volume findings superseded by incident findings',
      );
      expect(await storedIds()).not.toContain(stale.id);
    } finally {
      stop.abort();
      await done;
    }
  });
});
