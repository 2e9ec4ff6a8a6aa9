export { RankedTable } from './RankedTable';
export type { RankedTableProps } from './RankedTable';
export { RankedChart } from './RankedChart';
export type { RankedChartProps } from './RankedChart';
