import type { HeadlineItem } from '../headline/types';
import type { ResultFor } from './types';

/**
 * A headline result as the figures to show, in reading order, each with its previous value. A period
 * without attempts has no failure rate (the API's 0 there stands for "none"), so the rate is
 * compared only when both periods have attempts: "+22.3 pts" against an empty week would be invented.
 */
export function headlineItems(result: ResultFor<'headline'>): HeadlineItem[] {
  const before = result.previous?.figures;
  const hasRate = (figures: { attempts: number } | undefined) => (figures?.attempts ?? 0) > 0;
  const comparable = (key: keyof typeof result.current) =>
    before !== undefined && (key !== 'failureRate' || (hasRate(before) && hasRate(result.current)));
  const item = (
    key: keyof typeof result.current,
    label: string,
    extra: Partial<HeadlineItem> = {},
  ): HeadlineItem => ({
    key,
    label,
    value: result.current[key],
    ...(before && comparable(key) ? { previous: before[key] } : {}),
    ...extra,
  });
  return [
    item('attempts', 'Attempts'),
    item('failureRate', 'Failure rate', { format: 'percent', better: 'down' }),
    item('distinctUsers', 'Distinct users'),
    item('countries', 'Countries'),
  ];
}
