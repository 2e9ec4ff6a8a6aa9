import { describe, expect, it } from 'vitest';
import { createDetector } from './detector';
import { findingId } from './finding-id';
import { SOURCE_RISK } from './thresholds';
import { CUSTOMER, ofType, run, T0, type Crafted } from './test-support';

const HOUR_MINUTES = SOURCE_RISK.windowMs / 60_000;

describe('findings from the source', () => {
  it("turns an attempt the source flagged into a finding in the source's words, with the record as evidence", () => {
    const findings = ofType(
      run([
        { txid: 'n1', at: 0, user: 'alice', attacks: ['NOVEL_ASN'], result: 'denied', reason: 'no_response' },
      ]),
      'source_risk',
    );
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({
      id: findingId(CUSTOMER, 'source_risk', 'alice', 'n1'),
      reason: 'Duo flagged NOVEL_ASN for alice; trust LOW',
      user: 'alice',
      address: '198.51.100.7',
      firstSeen: new Date(T0).toISOString(),
      evidence: ['n1'],
      evidenceCount: 1,
      severity: 'medium',
      details: {
        source: 'duo',
        attacks: ['NOVEL_ASN'],
        trustLevel: 'LOW',
        sourceReason: null,
        succeeded: false,
      },
    });
  });

  it('raises nothing for a record without attacks: a trust level alone, or suppressed detections, are no finding', () => {
    // Suppressed detectors never reach `risk.attacks` (ingest keeps them in risk.suppressed_attacks).
    expect(
      ofType(
        run([
          { txid: 'a', at: 0, trust: 'LOW' },
          { txid: 'b', at: 1 },
        ]),
        'source_risk',
      ),
    ).toEqual([]);
  });

  it('rates a user marking a push as fraud, and a flagged attempt that still got in, higher', () => {
    const [fraud] = ofType(
      run([
        { txid: 'f', at: 0, attacks: ['USER_MARKED_FRAUD'], result: 'fraud', reason: 'user_marked_fraud' },
      ]),
      'source_risk',
    );
    expect(fraud?.severity).toBe('high');
    const [inside] = ofType(run([{ txid: 's', at: 0, attacks: ['NOVEL_ASN'] }]), 'source_risk');
    expect(inside?.reason).toBe('Duo flagged NOVEL_ASN for ana; trust LOW; an attempt succeeded');
    expect(inside?.score).toBeGreaterThan(
      ofType(run([{ txid: 'd', at: 0, attacks: ['NOVEL_ASN'], result: 'denied' }]), 'source_risk')[0]!.score,
    );
  });

  it("gathers one user's flagged attempts within an hour into one finding; a later one opens another", () => {
    const records: Crafted[] = [
      { txid: 'a1', at: 0, attacks: ['NOVEL_ASN'], result: 'denied' },
      { txid: 'a2', at: 20, attacks: ['USER_MARKED_FRAUD'], result: 'fraud' },
      { txid: 'a3', at: 21 + HOUR_MINUTES, attacks: ['NOVEL_ASN'], result: 'denied' },
      { txid: 'a4', at: 200 + HOUR_MINUTES },
    ];
    const findings = ofType(run(records), 'source_risk');
    expect(findings.map((f) => f.evidence)).toEqual([['a1', 'a2'], ['a3']]);
    expect(findings[0]!.reason).toBe(
      'Duo flagged NOVEL_ASN and USER_MARKED_FRAUD for ana, 2 attempts in 20 minutes; trust LOW',
    );
    // Exactly one window apart still chains; a minute more does not.
    expect(ofType(run([records[1]!, { ...records[2]!, at: 20 + HOUR_MINUTES }]), 'source_risk')).toHaveLength(
      1,
    );
    expect(ofType(run([records[1]!, records[2]!]), 'source_risk')).toHaveLength(2);
  });

  it('is idempotent: a replay, a redelivery or a late earlier record keeps the id of the first flagged record', () => {
    const records: Crafted[] = [
      { txid: 'r1', at: 0, attacks: ['NOVEL_ASN'] },
      { txid: 'r2', at: 10, attacks: ['NOVEL_ASN'] },
    ];
    const first = ofType(run(records), 'source_risk');
    expect(ofType(run(records), 'source_risk')).toEqual(first);
    const detector = createDetector({ customer: CUSTOMER });
    const redelivered = ofType(run([...records, records[0]!, records[1]!], detector), 'source_risk');
    expect(redelivered.map((f) => [f.id, f.evidenceCount])).toEqual([[first[0]!.id, 2]]);
    // A record from before the first one arrives late: it joins as evidence, the id stays.
    const late = ofType(run([...records, { txid: 'r0', at: -5, attacks: ['NOVEL_ASN'] }]), 'source_risk');
    expect(late.map((f) => [f.id, f.evidence])).toEqual([[first[0]!.id, ['r0', 'r1', 'r2']]]);
  });

  it('stands beside Sightline’s own findings on the same records', () => {
    const findings = run([
      { txid: 'ny', at: 0, place: 'newYork' },
      { txid: 'ldn', at: 60, place: 'london', attacks: ['NOVEL_ASN'] },
    ]);
    expect(findings.map((f) => f.type).sort()).toEqual(['impossible_travel', 'source_risk']);
  });
});
