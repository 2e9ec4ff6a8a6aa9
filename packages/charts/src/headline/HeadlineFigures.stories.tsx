import type { Meta, StoryObj } from '@storybook/react-vite';
import { HeadlineFigures } from './HeadlineFigures';
import { fromNothing, weekOverWeek } from './fixtures';

const meta = {
  title: 'Charts/HeadlineFigures',
  component: HeadlineFigures,
  tags: ['autodocs'],
  args: {
    title: 'Last 7 days',
    showTitle: true,
    items: weekOverWeek,
    comparisonLabel: 'Change against the previous 7 days',
  },
  argTypes: { items: { control: false }, loading: { control: 'boolean' } },
} satisfies Meta<typeof HeadlineFigures>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A `headline` report: each figure with its change against the previous period of equal length. */
export const WeekOverWeek: Story = {};

/** The previous period had nothing: changes are absolute, with no percentage of nothing. */
export const FromNothing: Story = { args: { items: fromNothing } };

/** Without a previous period: the figures alone. */
export const WithoutComparison: Story = {
  args: { items: weekOverWeek.map(({ previous: _previous, ...item }) => item), comparisonLabel: undefined },
};

export const Loading: Story = { args: { loading: true } };
export const Failed: Story = { args: { error: new Error('The API refused this request.') } };
