import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { DonutChart } from './DonutChart';
import { factorBreakdown, longLabelBreakdown, manySlices, resultBreakdown } from './fixtures';
import type { DonutChartProps } from './DonutChart';
import type { DonutDatum } from './types';

const meta = {
  title: 'Charts/DonutChart',
  component: DonutChart<DonutDatum>,
  tags: ['autodocs'],
  args: {
    title: 'Logins by result, last 7 days',
    data: resultBreakdown,
    showTitle: true,
    height: 280,
    innerRatio: 0.6,
    patterns: false,
    legend: true,
    centerLabel: 'Logins',
  },
  argTypes: {
    innerRatio: { control: { type: 'range', min: 0, max: 0.9, step: 0.05 } },
    height: { control: { type: 'range', min: 160, max: 480, step: 10 } },
    patterns: { control: 'boolean' },
    legend: { control: 'boolean' },
    loading: { control: 'boolean' },
    showTitle: { control: 'boolean' },
    selectedKey: { control: 'text' },
    data: { control: false },
    onSelect: { action: 'select' },
    onOpen: { action: 'open' },
  },
} satisfies Meta<typeof DonutChart<DonutDatum>>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Auth results from a `breakdown` report on `result`. */
export const AuthResults: Story = {};

/** Second factors, top six plus a muted "Other" bucket. */
export const FactorsWithOther: Story = {
  args: { title: 'Second factor used', data: factorBreakdown, centerLabel: 'Auths' },
};

export const Loading: Story = { args: { loading: true } };

export const Empty: Story = { args: { data: [] } };

export const Error: Story = { args: { error: 'The query API did not answer (503).' } };

export const OneItem: Story = {
  args: { title: 'Results for one user', data: [{ key: 'success', label: 'Success', value: 42 }] },
};

/** Fifty applications: thin slices stay focusable, the legend wraps. */
export const ManyItems: Story = {
  args: { title: 'Logins by application', data: manySlices(50), height: 360 },
};

export const LongLabels: Story = { args: { title: 'Logins by application', data: longLabelBreakdown } };

/** Zero-valued results draw nothing but stay in the legend and table. */
export const Zeros: Story = {
  args: {
    data: [
      { key: 'success', label: 'Success', value: 120 },
      { key: 'denied', label: 'Denied', value: 0 },
      { key: 'fraud', label: 'Fraud', value: 0 },
    ],
  },
};

/** Every value zero: the empty state. */
export const AllZeros: Story = {
  args: { data: resultBreakdown.map((d) => ({ ...d, value: 0 })) },
};

export const Light: Story = { globals: { theme: 'light' } };

export const Dark: Story = { globals: { theme: 'dark' }, args: { data: factorBreakdown } };

/** Hatching and dots on top of colour, for readers who cannot tell the hues apart. */
export const Patterns: Story = { args: { patterns: true, data: factorBreakdown } };

export const Pie: Story = { args: { innerRatio: 0, title: 'Logins by result (pie)' } };

function CrossFilter(props: DonutChartProps<DonutDatum>) {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div>
      <DonutChart
        {...props}
        selectedKey={selected}
        onSelect={(d) => setSelected(d.key === selected ? null : d.key)}
      />
      <p>Filter: {selected ?? 'none'}</p>
    </div>
  );
}

/**
 * Click a slice or its legend entry (or focus either and press Enter) to select it, as the dashboard
 * cross-filters. With `onSelect`, the swatch before each legend entry is a separate "Show …" toggle
 * that hides and shows the slice.
 */
export const Selectable: Story = { render: (args) => <CrossFilter {...args} /> };

function DrillDown(props: DonutChartProps<DonutDatum>) {
  const [selected, setSelected] = useState<string | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  return (
    <div>
      <DonutChart
        {...props}
        selectedKey={selected}
        onSelect={(d) => setSelected(d.key === selected ? null : d.key)}
        onOpen={(d) => setOpened(d.label)}
      />
      <p>Filter: {selected ?? 'none'}</p>
      <p>Opened: {opened ?? 'nothing yet'}</p>
    </div>
  );
}

/**
 * With `onOpen`, a slice click (or Enter on a focused slice) opens what lies behind it, as the
 * dashboard opens the log filtered to that value; Space on a slice and the legend entries select.
 */
export const DrillDownToRows: Story = { render: (args) => <DrillDown {...args} /> };

/** Without `onSelect`, a legend entry has one action: clicking it hides and shows its slice. */
export const LegendTogglesOnly: Story = {
  args: { title: 'Logins by result (legend toggles slices)', onSelect: undefined },
};
