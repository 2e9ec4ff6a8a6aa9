import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { StackedAreaChart } from './StackedAreaChart';
import type { StackedAreaChartProps } from './StackedAreaChart';
import { factorsOverTime, largeSeries, resultsOverTime } from './fixtures';
import type { SeriesBucket } from './types';

const results = resultsOverTime();
const HOUR = 3_600_000;

const meta = {
  title: 'Charts/StackedAreaChart',
  component: StackedAreaChart,
  tags: ['autodocs'],
  args: {
    title: 'Logins by result, hourly',
    data: results,
    interval: HOUR,
    showTitle: true,
    height: 320,
    offset: 'none',
    timeZone: 'UTC',
    patterns: false,
    legend: true,
  },
  argTypes: {
    offset: { control: 'inline-radio', options: ['none', 'expand'] },
    timeZone: {
      control: 'select',
      options: ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'],
    },
    height: { control: { type: 'range', min: 160, max: 560, step: 10 } },
    patterns: { control: 'boolean' },
    legend: { control: 'boolean' },
    loading: { control: 'boolean' },
    data: { control: false },
    onBrush: { action: 'brush' },
    onSelectSeries: { action: 'selectSeries' },
    onOpenBucket: { action: 'openBucket' },
    selectedSeries: { control: 'text' },
  },
} satisfies Meta<typeof StackedAreaChart>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Three days of auth results per hour: a daily rhythm, a fraud burst and a two-hour ingest gap drawn as zero. */
export const AuthResults: Story = {};

/** The same data as shares of each hour. */
export const PercentStacked: Story = { args: { offset: 'expand', title: 'Share of logins by result' } };

/** Ticks and tooltips follow the reader's zone, including half-hour offsets. */
export const InKolkata: Story = { args: { timeZone: 'Asia/Kolkata' } };

export const Factors: Story = {
  args: { title: 'Second factor used, daily', data: factorsOverTime(), interval: 24 * HOUR },
};

export const Loading: Story = { args: { loading: true } };

export const Empty: Story = { args: { data: { series: ['success'], rows: [] } } };

export const Error: Story = { args: { error: 'Elasticsearch timed out after 30 s.' } };

export const OneSeries: Story = {
  args: {
    title: 'All logins, hourly',
    data: {
      series: ['count'],
      seriesLabels: { count: 'Logins' },
      rows: results.rows.map((r) => ({
        t: r.t,
        values: { count: Object.values(r.values).reduce((a, b) => a + b, 0) },
      })),
    },
  },
};

/** One bucket only: a single column of values. */
export const OneBucket: Story = { args: { data: { ...results, rows: results.rows.slice(0, 1) } } };

/** Twenty series over 2,000 five-minute buckets: the benchmark's size. */
export const ManySeries: Story = {
  args: { title: 'Logins by application, 5-minute buckets', data: largeSeries(20, 2000), interval: 300_000 },
};

export const LongLabels: Story = {
  args: {
    data: {
      ...results,
      seriesLabels: {
        success: 'Successful authentication with a trusted, managed device',
        denied: 'Denied by policy (location, device health or network reputation)',
        failure: 'Failed: wrong passcode, push timed out or call not answered',
        error: 'Error contacting the identity provider',
        fraud: 'Marked as fraud by the user',
      },
    },
  },
};

export const Zeros: Story = {
  args: {
    data: { ...results, rows: results.rows.map((r) => ({ t: r.t, values: { success: 0, denied: 0 } })) },
  },
};

export const Light: Story = { globals: { theme: 'light' } };

export const Dark: Story = {
  globals: { theme: 'dark' },
  args: { data: factorsOverTime(), interval: 24 * HOUR },
};

export const Patterns: Story = { args: { patterns: true } };

function Brushable(props: StackedAreaChartProps) {
  const [range, setRange] = useState<{ from: number; to: number } | null>(null);
  return (
    <div>
      <StackedAreaChart {...props} onBrush={setRange} />
      <p>
        Selected range:{' '}
        {range
          ? `${new Date(range.from).toISOString()} – ${new Date(range.to).toISOString()}`
          : 'drag across the chart'}
      </p>
    </div>
  );
}

/**
 * Drag across the plot (or Shift+arrows, then Enter) to pick a time range. It snaps to whole buckets:
 * from the start of the first hour under the selection to the end of the last.
 */
export const BrushToZoom: Story = { render: (args) => <Brushable {...args} /> };

function CrossFilter(props: StackedAreaChartProps) {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div>
      <StackedAreaChart
        {...props}
        selectedSeries={selected}
        onSelectSeries={(series) => setSelected(series === selected ? null : series)}
      />
      <p>Filter: {selected ?? 'none'}</p>
    </div>
  );
}

/**
 * Click a band or its legend entry (or press Enter on either) to select the series, as the dashboard
 * cross-filters; the legend marks the selection. The swatch before each entry hides and shows it.
 */
export const Selectable: Story = { render: (args) => <CrossFilter {...args} /> };

function DrillDown(props: StackedAreaChartProps) {
  const [selected, setSelected] = useState<string | null>(null);
  const [opened, setOpened] = useState<SeriesBucket | null>(null);
  return (
    <div>
      <StackedAreaChart
        {...props}
        selectedSeries={selected}
        onSelectSeries={(series) => setSelected(series === selected ? null : series)}
        onOpenBucket={setOpened}
      />
      <p>
        Opened:{' '}
        {opened
          ? `${opened.series}, ${new Date(opened.from).toISOString()} to ${new Date(opened.to).toISOString()}`
          : 'nothing yet'}
      </p>
    </div>
  );
}

/**
 * With `onOpenBucket`, clicking a band (or Enter at the keyboard's crosshair) opens that series in
 * that bucket, as the dashboard opens the log rows of one result in one hour; Space and the legend
 * entries select the series.
 */
export const DrillDownToRows: Story = { render: (args) => <DrillDown {...args} /> };

/** Without `onSelectSeries`, a legend entry has one action: clicking it hides and shows its series. */
export const LegendTogglesOnly: Story = {
  args: { title: 'Logins by result (legend toggles series)', onSelectSeries: undefined },
};
