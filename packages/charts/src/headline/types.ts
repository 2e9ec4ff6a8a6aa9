/** One headline figure: its value in the period and, to compare, in the period before. */
export interface HeadlineItem {
  /** Stable key (e.g. 'attempts'). */
  key: string;
  /** What the figure counts, as shown. */
  label: string;
  value: number;
  /** The same figure in the previous period; without it no change is shown. */
  previous?: number;
  /** 'percent' for shares 0..1 (their change is shown in percentage points). */
  format?: 'number' | 'percent';
  /** Whether a rise is good news ('up') or bad news ('down', e.g. failures); tints the change. */
  better?: 'up' | 'down';
}
