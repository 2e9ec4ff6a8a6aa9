import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { LogTable, type LogTableProps } from './LogTable';
import { columnsFromFields } from './columns';
import { authLog, authLogRow, type AuthLogRow } from './fixtures/authLog';
import { authLogColumns } from './fixtures/columns';
import type { SortingState } from '@tanstack/react-table';

const getRowId = (row: AuthLogRow) => row.txid;
const hundredThousand = authLog(100_000);

const meta = {
  title: 'Charts/LogTable',
  component: LogTable<AuthLogRow>,
  tags: ['autodocs'],
  args: {
    title: 'Authentication log',
    rows: authLog(200),
    columns: authLogColumns,
    getRowId,
    height: 420,
    rowHeight: 32,
    showTitle: true,
    defaultColumnVisibility: { 'access_device.location.city': false },
  },
  argTypes: {
    height: { control: { type: 'range', min: 160, max: 900, step: 20 } },
    rowHeight: { control: { type: 'range', min: 24, max: 48, step: 2 } },
    loading: { control: 'boolean' },
    hasMore: { control: 'boolean' },
    loadingMore: { control: 'boolean' },
    showTitle: { control: 'boolean' },
    hideColumnMenu: { control: 'boolean' },
    rows: { control: false },
    columns: { control: false },
    onSelect: { action: 'select' },
    onLoadMore: { action: 'load more' },
  },
} satisfies Meta<typeof LogTable<AuthLogRow>>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Realistic auth-log records: results success/denied/failure/fraud/error, reasons, IP reputation flags. */
export const AuthLog: Story = {};

export const Loading: Story = { args: { loading: true } };

export const Empty: Story = { args: { rows: [] } };

export const Error: Story = {
  args: { rows: [], error: 'The log query failed: index auth-logs-* is unavailable.' },
};

export const OneRow: Story = { args: { rows: authLog(1) } };

/** 100,000 rows, client-side sorting: only the visible window is in the DOM. */
export const HundredThousandRows: Story = {
  args: { rows: hundredThousand, totalCount: hundredThousand.length },
};

export const LongLabels: Story = {
  args: {
    title: 'Authentication log for applications with very long names and users with long identities',
    rows: authLog(20).map((row, i) => ({
      ...row,
      user: {
        ...row.user,
        name: `${row.user.name}.with.a.very.long.service.account.identifier.${i}@corp.example.com`,
      },
      application: { name: 'Remote Desktop Gateway (legacy RDP, scheduled for retirement in Q3, EU-West-2)' },
    })),
  },
};

const attemptColumns = [
  ...authLogColumns.slice(0, 2),
  ...columnsFromFields<AuthLogRow>([{ id: 'attempts', label: 'Attempts', type: 'number' }]),
];

/** A number column holding zeros: zero prints "0", a missing value prints "—". */
export const ZeroValues: Story = {
  args: {
    rows: authLog(12).map((row, i) => ({ ...row, attempts: i % 3 === 0 ? 0 : i * 1000 })),
    columns: attemptColumns,
  },
};

export const Dark: Story = {
  decorators: [
    (Story) => (
      <div data-theme="dark" style={{ background: 'var(--sl-bg)', color: 'var(--sl-fg)', padding: 16 }}>
        <Story />
      </div>
    ),
  ],
};

export const Light: Story = {
  decorators: [
    (Story) => (
      <div data-theme="light" style={{ background: 'var(--sl-bg)', color: 'var(--sl-fg)', padding: 16 }}>
        <Story />
      </div>
    ),
  ],
};

function ServerPaged(props: LogTableProps<AuthLogRow>) {
  const total = 2_000;
  const pageSize = 100;
  const [rows, setRows] = useState(() => authLog(pageSize));
  const [loadingMore, setLoadingMore] = useState(false);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'ts', desc: false }]);
  const loadMore = () => {
    setLoadingMore(true);
    // Stands in for a request with `search_after` set to the last row's cursor.
    setTimeout(() => {
      setRows((current) => [...current, ...authLog(pageSize, current.length)]);
      setLoadingMore(false);
    }, 400);
  };
  const desc = sorting[0]?.id === 'ts' && sorting[0].desc;
  return (
    <LogTable
      {...props}
      rows={desc ? rows.map((_, i) => authLogRow(total - 1 - i)) : rows}
      totalCount={total}
      hasMore={rows.length < total}
      loadingMore={loadingMore}
      onLoadMore={loadMore}
      sorting={sorting}
      onSortingChange={setSorting}
    />
  );
}

/** Cursor paging with server sort: scrolling near the end (or the button) fetches the next page. */
export const ServerPaging: Story = { render: (args) => <ServerPaged {...args} /> };
