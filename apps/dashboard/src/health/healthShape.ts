import type { DataHealthLoads, LoadCounts, LoadKind, RangeOverride } from '@sightline/client';
import type { TimeSeriesData } from '@sightline/charts/stacked-area';
import type { TimeSelection } from '../state/timeRange';

/** What the loads chart can stack, each per hour of commit time. */
export const LOAD_MEASURES = ['read', 'stored', 'duplicates', 'flagged', 'rejected', 'batches'] as const;
export type LoadMeasure = (typeof LOAD_MEASURES)[number];

export const MEASURE_LABELS: Record<LoadMeasure, string> = {
  read: 'Rows read',
  stored: 'Rows stored',
  duplicates: 'Duplicates',
  flagged: 'Flagged',
  rejected: 'Rejected',
  batches: 'Batches',
};

export const KIND_LABELS: Record<LoadKind, string> = {
  sink: 'Firehose sink',
  batcher: 'MySQL batcher',
  file: 'File ingest',
};

/** The page's time selection as the API's range. */
export function rangeOf(time: TimeSelection): RangeOverride {
  return 'last' in time ? { last: time.last } : { from: time.from, to: time.to };
}

/** One measure of the loads, stacked by loader, one row per hour any loader committed in. Pure. */
export function loadsChartData(loads: DataHealthLoads, measure: LoadMeasure): TimeSeriesData {
  const rows = new Map<number, Record<string, number>>();
  for (const { kind, hours } of loads.kinds)
    for (const hour of hours) {
      const t = Date.parse(hour.t);
      const values = rows.get(t) ?? {};
      values[kind] = (values[kind] ?? 0) + hour[measure];
      rows.set(t, values);
    }
  return {
    series: loads.kinds.map((k) => k.kind),
    seriesLabels: Object.fromEntries(loads.kinds.map((k) => [k.kind, KIND_LABELS[k.kind]])),
    rows: [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([t, values]) => ({ t, values })),
  };
}

/** The totals over every loader. */
export function totalOf(loads: DataHealthLoads): LoadCounts {
  const total: LoadCounts = { read: 0, stored: 0, duplicates: 0, flagged: 0, rejected: 0, batches: 0 };
  for (const { totals } of loads.kinds) for (const m of LOAD_MEASURES) total[m] += totals[m];
  return total;
}

const UNITS = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1_000, 's'],
] as const;

/** An age in its largest whole unit and the next ("3 h 20 min", "45 s"); "now" under a second. */
export function ageText(ms: number | null): string {
  if (ms === null) return 'never';
  const i = UNITS.findIndex(([unit]) => ms >= unit);
  if (i === -1) return 'now';
  const [unit, name] = UNITS[i]!;
  const whole = Math.floor(ms / unit);
  const next = UNITS[i + 1];
  const rest = next ? Math.floor((ms - whole * unit) / next[0]) : 0;
  return rest > 0 && next ? `${whole} ${name} ${rest} ${next[1]}` : `${whole} ${name}`;
}

/** A share (0..1) as a percentage with two decimals. */
export const percent = (x: number) => `${(x * 100).toFixed(2)}%`;
