/**
 * Building blocks shared by every Sightline chart (and usable to build your own): state frame,
 * responsive sizing, roving keyboard focus, tooltip, legend, hidden data table, motion preference.
 */
export { ChartFrame, resolveStatus, splitChartState } from './ChartFrame';
export type { ChartFrameProps, ChartStateProps, ChartStatus } from './ChartFrame';
export { Legend } from './Legend';
export type { LegendItem, LegendProps } from './Legend';
export { Tooltip, TooltipRow } from './Tooltip';
export type { TooltipProps, TooltipRowProps } from './Tooltip';
export { VisuallyHiddenTable } from './VisuallyHiddenTable';
export type { VisuallyHiddenTableProps } from './VisuallyHiddenTable';
export { useRovingFocus } from './useRovingFocus';
export { useToggleSet } from './useToggleSet';
export type { RovingFocus, RovingFocusOptions, RovingItemProps } from './useRovingFocus';
export { useSize, defaultChartSize } from './useSize';
export type { Size, UseSizeOptions } from './useSize';
export { usePrefersReducedMotion } from './usePrefersReducedMotion';
export { useChartId } from './useChartId';
export { visuallyHidden } from './visuallyHidden';
export { formatNumber, formatPercent, formatCompact } from './format';
