import type { Meta, StoryObj } from '@storybook/react-vite';
import { Report } from './Report';
import { SightlineProvider } from './SightlineProvider';
import type { ReportClient, ReportResult } from './types';

/** Stands in for `createClient()` from '@sightline/client': answers every report with `result`. */
function answering(result: ReportResult): ReportClient {
  return { runReport: async () => result };
}

const lastWeek: ReportResult = {
  view: 'headline',
  current: { attempts: 12_480, failed: 1_023, failureRate: 0.082, distinctUsers: 412, countries: 14 },
  previous: {
    from: '2026-11-06T00:00:00.000Z',
    to: '2026-11-13T00:00:00.000Z',
    figures: { attempts: 10_400, failed: 634, failureRate: 0.061, distinctUsers: 430, countries: 14 },
  },
  meta: { tookMs: 4, from: '2026-11-13T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z', timeZone: 'UTC' },
};

const meta = {
  title: 'Connected/Report',
  component: Report,
  tags: ['autodocs'],
  args: {
    title: 'Last 7 days',
    showTitle: true,
    definition: { timeRange: { last: '7d' }, view: { type: 'headline' } },
  },
  argTypes: { definition: { control: false } },
  decorators: [
    (Story) => (
      <SightlineProvider client={answering(lastWeek)}>
        <Story />
      </SightlineProvider>
    ),
  ],
} satisfies Meta<typeof Report>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * `<Report definition={{ timeRange: { last: '7d' }, view: { type: 'headline' } }} />`: attempts,
 * failure rate, distinct users and countries, each with its change against the 7 days before.
 */
export const HeadlineFigures: Story = {};

const failureRateByFactor: ReportResult = {
  view: 'breakdown',
  metric: 'failure_rate',
  total: 0.082,
  minAttempts: 20,
  rows: [
    { key: 'sms_passcode', label: 'sms_passcode', value: 0.214 },
    { key: 'phone_call', label: 'phone_call', value: 0.121 },
    { key: 'duo_push', label: 'duo_push', value: 0.064 },
    { key: 'hardware_token', label: 'hardware_token', value: 0.018 },
  ],
  meta: lastWeek.meta,
};

/**
 * A breakdown of the failure rate: a rate is not a part of a whole, so it is ranked as bars in
 * percent rather than drawn as a donut.
 */
export const FailureRateByFactor: Story = {
  args: {
    title: 'Failure rate by factor',
    definition: {
      timeRange: { last: '7d' },
      view: { type: 'breakdown', groupBy: 'factor', metric: 'failure_rate' },
    },
  },
  decorators: [
    (Story) => (
      <SightlineProvider client={answering(failureRateByFactor)}>
        <Story />
      </SightlineProvider>
    ),
  ],
};
