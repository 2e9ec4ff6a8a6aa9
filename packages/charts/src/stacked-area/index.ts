export { StackedAreaChart } from './StackedAreaChart';
export type { StackedAreaChartProps } from './StackedAreaChart';
export { useStackedArea } from './useStackedArea';
export type { Margin, StackedAreaLayout, StackedLayer, UseStackedAreaOptions } from './useStackedArea';
export { timeTicks, formatInstant, INSTANT_FORMAT } from './timeTicks';
export type { TimeTicks } from './timeTicks';
export { prepareRows, inferInterval } from './prepareRows';
export type { SeriesBucket, StackOffset, TimeRange, TimeSeriesData, TimeSeriesRow } from './types';
