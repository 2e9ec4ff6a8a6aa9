import type { Fingerprint } from './fingerprint';
import { SWITCH_THRESHOLDS, type SwitchThresholds } from './thresholds';

/** One way a candidate version differs from the version in use. */
export interface Difference {
  /** What is compared: `rows`, `result share: denied`, `country entropy`, `empty rate: country`… */
  measure: string;
  inUse: number;
  candidate: number;
  /** Past its threshold: the switch refuses unless forced. */
  refuses: boolean;
  /** One line for a person: the measure, both values, the change and the limit it was held to. */
  text: string;
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const points = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)} points`;

function relative(inUse: number, candidate: number): number {
  if (inUse === 0) return candidate === 0 ? 0 : Number.POSITIVE_INFINITY;
  return (candidate - inUse) / inUse;
}

function share(counts: Record<string, number>, key: string, rows: number): number {
  return rows === 0 ? 0 : (counts[key] ?? 0) / rows;
}

/**
 * Compares a candidate version's fingerprint with the one in use. Returns every measured change
 * (unchanged measures are left out); those past a threshold refuse the switch. Pure.
 */
export function compareFingerprints(
  inUse: Fingerprint,
  candidate: Fingerprint,
  thresholds: SwitchThresholds = SWITCH_THRESHOLDS,
): Difference[] {
  const out: Difference[] = [];

  const rowChange = relative(inUse.rows, candidate.rows);
  if (rowChange !== 0) {
    const refuses = Math.abs(rowChange) > thresholds.rowCountRelative;
    out.push({
      measure: 'rows',
      inUse: inUse.rows,
      candidate: candidate.rows,
      refuses,
      text: `rows: ${inUse.rows} in use, ${candidate.rows} new (${rowChange >= 0 ? '+' : ''}${pct(rowChange)}; limit ±${pct(thresholds.rowCountRelative)})`,
    });
  }

  const results = [...new Set([...Object.keys(inUse.byResult), ...Object.keys(candidate.byResult)])].sort();
  for (const result of results) {
    const a = share(inUse.byResult, result, inUse.rows);
    const b = share(candidate.byResult, result, candidate.rows);
    if (a === b) continue;
    const change = b - a;
    out.push({
      measure: `result share: ${result}`,
      inUse: a,
      candidate: b,
      refuses: Math.abs(change) * 100 > thresholds.resultSharePoints,
      text: `result share of ${result}: ${pct(a)} in use, ${pct(b)} new (${points(change)}; limit ±${thresholds.resultSharePoints} points)`,
    });
  }

  const entropyChange = relative(inUse.countryEntropy, candidate.countryEntropy);
  if (entropyChange !== 0) {
    out.push({
      measure: 'country entropy',
      inUse: inUse.countryEntropy,
      candidate: candidate.countryEntropy,
      refuses: Math.abs(entropyChange) > thresholds.countryEntropyRelative,
      text: `country entropy: ${inUse.countryEntropy.toFixed(4)} bits in use, ${candidate.countryEntropy.toFixed(4)} new (${entropyChange >= 0 ? '+' : ''}${pct(entropyChange)}; limit ±${pct(thresholds.countryEntropyRelative)})`,
    });
  }

  for (const dimension of ['user', 'application', 'country'] as const) {
    const a = inUse.nullRates[dimension];
    const b = candidate.nullRates[dimension];
    if (a === b) continue;
    out.push({
      measure: `empty rate: ${dimension}`,
      inUse: a,
      candidate: b,
      refuses: (b - a) * 100 > thresholds.nullRateRisePoints,
      text: `empty ${dimension}: ${pct(a)} in use, ${pct(b)} new (${points(b - a)}; limit a rise of ${thresholds.nullRateRisePoints} points)`,
    });
  }

  // Shown, never refusing: what the thresholds above already summarise, in detail.
  const countries = [
    ...new Set([...Object.keys(inUse.byCountry), ...Object.keys(candidate.byCountry)]),
  ].sort();
  for (const country of countries) {
    const a = inUse.byCountry[country] ?? 0;
    const b = candidate.byCountry[country] ?? 0;
    if (a === b) continue;
    out.push({
      measure: `country: ${country}`,
      inUse: a,
      candidate: b,
      refuses: false,
      text: `rows from ${country}: ${a} in use, ${b} new`,
    });
  }
  if (inUse.distinctUsers !== candidate.distinctUsers) {
    out.push({
      measure: 'distinct users',
      inUse: inUse.distinctUsers,
      candidate: candidate.distinctUsers,
      refuses: false,
      text: `distinct users: ${inUse.distinctUsers} in use, ${candidate.distinctUsers} new`,
    });
  }
  if (inUse.applicationEntropy !== candidate.applicationEntropy) {
    out.push({
      measure: 'application entropy',
      inUse: inUse.applicationEntropy,
      candidate: candidate.applicationEntropy,
      refuses: false,
      text: `application entropy: ${inUse.applicationEntropy.toFixed(4)} bits in use, ${candidate.applicationEntropy.toFixed(4)} new`,
    });
  }
  const flags = [
    ...new Set([...Object.keys(inUse.qualityRates), ...Object.keys(candidate.qualityRates)]),
  ].sort();
  for (const flag of flags) {
    const a = inUse.qualityRates[flag] ?? 0;
    const b = candidate.qualityRates[flag] ?? 0;
    if (a === b) continue;
    out.push({
      measure: `quality flag: ${flag}`,
      inUse: a,
      candidate: b,
      refuses: false,
      text: `rows flagged ${flag}: ${pct(a)} in use, ${pct(b)} new`,
    });
  }
  return out;
}
