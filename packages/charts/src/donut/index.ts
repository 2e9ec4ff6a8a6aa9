export { DonutChart } from './DonutChart';
export type { DonutChartProps } from './DonutChart';
export { useDonut } from './useDonut';
export type { DonutLayout, UseDonutOptions } from './useDonut';
export type { DonutAccessors, DonutArc, DonutDatum } from './types';
