import { FAILED_RESULTS } from '../log';
import type { FilterNode, ReportDefinition } from './definition';

/** How a built-in report is meant to be drawn. */
/** The chart a built-in report is meant for. */
export const CHART_HINTS = ['donut', 'bar', 'stacked-area', 'area', 'map', 'table'] as const;
export type ChartHint = (typeof CHART_HINTS)[number];

export interface BuiltinReport {
  id: string;
  title: string;
  description: string;
  chart: ChartHint;
  definition: ReportDefinition;
}

/**
 * The one rule every built-in report counts by, said once on screen: an "attempt" is an
 * authentication. Enrolling a device is a different act (no sign-in is tried, and its "failures"
 * are not failed sign-ins), so mixing enrollments in made the same word count two things: the summary
 * and the map disagreed. Enrollments have a report of their own, and the log lists every event with
 * its event type.
 */
export const COUNTING_RULE =
  'Reports count authentication attempts only. Enrollments are counted in “Enrollments over time”; the log lists every event with its type.';

export const AUTHENTICATIONS: FilterNode = { field: 'event_type', op: 'eq', value: 'authentication' };
const authentications = AUTHENTICATIONS;
const failed: FilterNode = {
  and: [authentications, { field: 'result', op: 'in', values: [...FAILED_RESULTS] }],
};
/** An address with a bad reputation: malicious, a VPN's or Tor's. The risky-IPs summaries count these. */
export const BAD_REPUTATION: FilterNode = {
  or: [
    { field: 'access_device.ip_reputation.is_malicious', op: 'eq', value: true },
    { field: 'access_device.ip_reputation.is_vpn', op: 'eq', value: true },
    { field: 'access_device.ip_reputation.is_tor', op: 'eq', value: true },
  ],
};
const riskyIp: FilterNode = { and: [authentications, BAD_REPUTATION] };
const week = { last: '7d' };
const day = { last: '24h' };

const reports: readonly BuiltinReport[] = [
  {
    id: 'auth-summary',
    title: 'Authentication summary',
    description: 'Authentication attempts by result over the last 7 days.',
    chart: 'donut',
    definition: { timeRange: week, filters: authentications, view: { type: 'breakdown', groupBy: 'result' } },
  },
  {
    id: 'failures-by-reason',
    title: 'Failures by reason',
    description:
      'Denied, failed, errored and fraudulent authentication attempts by reason over the last 7 days.',
    chart: 'donut',
    definition: { timeRange: week, filters: failed, view: { type: 'breakdown', groupBy: 'reason' } },
  },
  {
    id: 'factors',
    title: 'Factors used',
    description: 'Authentication attempts by second factor over the last 7 days.',
    chart: 'donut',
    definition: { timeRange: week, filters: authentications, view: { type: 'breakdown', groupBy: 'factor' } },
  },
  {
    id: 'top-applications',
    title: 'Top applications',
    description: 'The ten applications with the most authentication attempts over the last 7 days.',
    chart: 'bar',
    definition: {
      timeRange: week,
      filters: authentications,
      view: { type: 'breakdown', groupBy: 'application.name', top: 10 },
    },
  },
  {
    id: 'top-users-with-failures',
    title: 'Top users with failures',
    description: 'The ten users with the most failed authentication attempts over the last 7 days.',
    chart: 'bar',
    definition: {
      timeRange: week,
      filters: failed,
      view: { type: 'breakdown', groupBy: 'user.name', top: 10, other: false },
    },
  },
  {
    id: 'attempts-over-time',
    title: 'Attempts over time by result',
    description: 'Authentication attempts per interval, stacked by result, over the last 7 days.',
    chart: 'stacked-area',
    definition: {
      timeRange: week,
      filters: authentications,
      view: { type: 'timeseries', interval: 'auto', stackBy: 'result', top: 5 },
    },
  },
  {
    id: 'attempts-by-country',
    title: 'Attempts by country',
    description: 'Authentication attempts by the access device’s country over the last 7 days.',
    chart: 'map',
    definition: { timeRange: week, filters: authentications, view: { type: 'geo', mode: 'country' } },
  },
  {
    id: 'risky-ips',
    title: 'Attempts from malicious, VPN or Tor IPs',
    description:
      'The addresses with a bad reputation that made the most authentication attempts over the last 7 days.',
    chart: 'bar',
    definition: {
      timeRange: week,
      filters: riskyIp,
      view: { type: 'breakdown', groupBy: 'access_device.ip', top: 20 },
    },
  },
  {
    id: 'enrollments-over-time',
    title: 'Enrollments over time',
    description:
      'Enrollments per interval over the last 7 days: the one built-in report that counts enrollments, not authentication attempts.',
    chart: 'area',
    definition: {
      timeRange: week,
      filters: { field: 'event_type', op: 'eq', value: 'enrollment' },
      view: { type: 'timeseries', interval: 'auto' },
    },
  },
  {
    id: 'out-of-the-ordinary',
    title: 'Out of the ordinary',
    description:
      'Countries, applications, reasons and users unusually frequent among authentication attempts in the last 24 hours compared with the 30 days before.',
    chart: 'table',
    definition: { timeRange: day, filters: authentications, view: { type: 'significant', size: 5 } },
  },
];

/** The built-in reports, in display order. */
export function builtinReports(): readonly BuiltinReport[] {
  return reports;
}

export function builtinReport(id: string): BuiltinReport | undefined {
  return reports.find((r) => r.id === id);
}
