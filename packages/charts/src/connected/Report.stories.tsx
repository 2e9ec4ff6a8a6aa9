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
