import { DonutChart } from '@sightline/charts/donut';
import { StackedAreaChart } from '@sightline/charts/stacked-area';
import { GeoMap, type GeoRow } from '@sightline/charts/geo';
import { LogTable, type LogColumn } from '@sightline/charts/table';

interface Attempt {
  txid: string;
  user: string;
  result: 'success' | 'denied';
}

const hour = 3_600_000;
const start = Date.UTC(2025, 0, 6);
const countries: GeoRow[] = [
  { key: 'DE', value: 120 },
  { key: 'US', value: 80 },
];
const attempts: Attempt[] = [
  { txid: 't1', user: 'ana', result: 'success' },
  { txid: 't2', user: 'bo', result: 'denied' },
];
const columns: LogColumn<Attempt>[] = [
  { id: 'user', header: 'User', accessor: (row) => row.user },
  { id: 'result', header: 'Result', accessor: (row) => row.result },
];

/** Every chart, each from its own entry point, with the plain data a front-end team has. */
export const charts = {
  donut: (
    <DonutChart
      title="Results"
      data={[
        { key: 'success', label: 'Success', value: 9120 },
        { key: 'denied', label: 'Denied', value: 412 },
      ]}
    />
  ),
  'stacked-area': (
    <StackedAreaChart
      title="Attempts over time"
      width={640}
      height={240}
      data={{
        series: ['success', 'denied'],
        rows: [0, 1, 2].map((i) => ({ t: start + i * hour, values: { success: 10 + i, denied: i } })),
      }}
    />
  ),
  geo: <GeoMap title="Attempts by country" rows={countries} />,
  table: (
    <LogTable<Attempt>
      title="Latest attempts"
      rows={attempts}
      columns={columns}
      getRowId={(row) => row.txid}
      height={240}
    />
  ),
};
