import type { Severity } from '@sightline/schema/api';

/** Score bands: one scale for every detector, so findings of different types sort together. */
export function severityOf(score: number): Severity {
  if (score >= 85) return 'critical';
  if (score >= 65) return 'high';
  if (score >= 40) return 'medium';
  return 'low';
}

export function clampScore(score: number): number {
  return Math.max(0, Math.min(100, Math.round(score)));
}
