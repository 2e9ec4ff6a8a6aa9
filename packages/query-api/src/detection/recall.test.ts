import { describe, expect, it } from 'vitest';
import { generateLabelledRecords, type LabelledBurst } from '../generate';
import { createDetector, type Detector, type Finding } from '.';

const DAY = 86_400_000;
const end = new Date('2026-11-20T00:00:00Z');
/** Ten days to warm the baselines (as a restarted consumer reloads history), thirty to observe. */
const WARM_DAYS = 10;
const DAYS = 40;

/**
 * Runs every customer's detector over generated traffic with its injected fraud and attack bursts,
 * and scores the findings against the generator's answer key: a burst is found when a finding's
 * evidence holds one of its records; a finding whose evidence holds none is a false positive.
 */
function measure(seed: string, count: number) {
  const observeFrom = end.getTime() - (DAYS - WARM_DAYS) * DAY;
  const detectors = new Map<string, Detector>();
  const findings = new Map<string, Finding>();
  const burstOf = new Map<string, LabelledBurst>();
  const observedBursts = new Set<LabelledBurst>();
  let normal = 0;
  for (const { record, burst } of generateLabelledRecords({ seed, count, days: DAYS, end })) {
    let detector = detectors.get(record.customer_id);
    if (!detector) {
      detector = createDetector({ customer: record.customer_id });
      detectors.set(record.customer_id, detector);
    }
    if (Date.parse(record.ts) < observeFrom) {
      detector.warm(record);
      continue;
    }
    if (burst) {
      burstOf.set(record.txid, burst);
      observedBursts.add(burst);
    } else normal += 1;
    for (const finding of detector.observe(record)) findings.set(finding.id, finding);
  }
  const found = new Set<LabelledBurst>();
  const falsePositives: Finding[] = [];
  for (const finding of findings.values()) {
    const bursts = finding.evidence.map((txid) => burstOf.get(txid)).filter((b) => b !== undefined);
    if (bursts.length === 0) falsePositives.push(finding);
    for (const burst of bursts) found.add(burst);
  }
  const missed = [...observedBursts].filter((b) => !found.has(b));
  return {
    bursts: observedBursts.size,
    recall: found.size / observedBursts.size,
    missed: missed.map((b) => `${b.customer} ${b.kind} ${new Date(b.start).toISOString()}`),
    normal,
    perHundredThousand: (falsePositives.length / normal) * 100_000,
    falsePositives: falsePositives.map((f) => `${f.customer} ${f.type}: ${f.reason}`),
  };
}

describe('detection over generated traffic', () => {
  it('finds at least 95% of the injected fraud and attack bursts, with at most 5 findings per 100,000 normal attempts', () => {
    const result = measure('detection-recall', 200_000);
    expect(result.bursts).toBeGreaterThanOrEqual(30);
    expect(result.normal).toBeGreaterThan(100_000);
    expect(result.recall, `missed ${result.missed.join('; ')}`).toBeGreaterThanOrEqual(0.95);
    expect(result.perHundredThousand, result.falsePositives.join('\n')).toBeLessThanOrEqual(5);
  }, 120_000);
});
