import type { HeadlineItem } from '../headline/types';
import type { ResultFor } from './types';

/** A headline result as the figures to show, in reading order, each with its previous value. */
export function headlineItems(result: ResultFor<'headline'>): HeadlineItem[] {
  const before = result.previous?.figures;
  const item = (
    key: keyof typeof result.current,
    label: string,
    extra: Partial<HeadlineItem> = {},
  ): HeadlineItem => ({
    key,
    label,
    value: result.current[key],
    ...(before ? { previous: before[key] } : {}),
    ...extra,
  });
  return [
    item('attempts', 'Attempts'),
    item('failureRate', 'Failure rate', { format: 'percent', better: 'down' }),
    item('distinctUsers', 'Distinct users'),
    item('countries', 'Countries'),
  ];
}
