import type { HeadlineItem } from './types';

/** Last 7 days against the 7 before: more attempts, a worse failure rate, fewer users, same countries. */
export const weekOverWeek: HeadlineItem[] = [
  { key: 'attempts', label: 'Attempts', value: 12_480, previous: 10_400 },
  {
    key: 'failureRate',
    label: 'Failure rate',
    value: 0.082,
    previous: 0.061,
    format: 'percent',
    better: 'down',
  },
  { key: 'distinctUsers', label: 'Distinct users', value: 412, previous: 430 },
  { key: 'countries', label: 'Countries', value: 14, previous: 14 },
];

/** A first period: nothing before it to compare with. */
export const fromNothing: HeadlineItem[] = [
  { key: 'attempts', label: 'Attempts', value: 320, previous: 0 },
  { key: 'failureRate', label: 'Failure rate', value: 0.05, previous: 0, format: 'percent', better: 'down' },
  { key: 'distinctUsers', label: 'Distinct users', value: 12, previous: 0 },
  { key: 'countries', label: 'Countries', value: 3, previous: 0 },
];
