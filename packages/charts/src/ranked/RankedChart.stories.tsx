import type { Meta, StoryObj } from '@storybook/react-vite';
import { formatPercent } from '../shared/format';
import { RankedChart } from './RankedChart';

const rates = [
  { key: 'sms_passcode', label: 'sms_passcode', value: 0.214 },
  { key: 'phone_call', label: 'phone_call', value: 0.121 },
  { key: 'duo_push', label: 'duo_push', value: 0.064 },
  { key: 'hardware_token', label: 'hardware_token', value: 0.018 },
];

const meta = {
  title: 'Charts/RankedChart',
  component: RankedChart,
  tags: ['autodocs'],
  args: {
    title: 'Failure rate by factor',
    showTitle: true,
    rows: rates,
    categoryHeader: 'Factor',
    valueHeader: 'Failure rate',
    formatValue: (v: number) => formatPercent(v, 'en-US'),
    footnote: 'Ranked by failure rate; groups with fewer than 20 attempts are not ranked.',
  },
  argTypes: { rows: { control: false }, formatValue: { control: false }, onSelect: { action: 'select' } },
} satisfies Meta<typeof RankedChart>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A rate by factor: ranked bars in percent, each name pressed to filter by it. */
export const FailureRateByFactor: Story = {};

/** With `onSelect`, each name is a button; the chosen one is drawn pressed. */
export const Selected: Story = { args: { selectedKey: 'phone_call', onSelect: () => {} } };

/** Counts with the remainder outside the top: "Other" is muted and cannot be chosen. */
export const CountsWithOther: Story = {
  args: {
    title: 'Attempts by application',
    valueHeader: 'Attempts',
    formatValue: undefined,
    footnote: undefined,
    rows: [
      { key: 'vpn', label: 'Corporate VPN', value: 48_210 },
      { key: 'mail', label: 'Mail', value: 21_034 },
      { key: 'hr', label: 'HR portal (Workday, single sign-on through the identity provider)', value: 3_120 },
      { key: '__other__', label: 'Other', value: 9_870, isOther: true },
    ],
  },
};

export const Empty: Story = { args: { rows: [] } };
export const Loading: Story = { args: { loading: true } };
export const Failed: Story = { args: { error: new Error('The API refused this request.') } };
