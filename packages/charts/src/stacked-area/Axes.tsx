import { memo } from 'react';
import { themeVar } from '../theme/palette';

export interface AxesProps {
  /** Plot width in px. */
  width: number;
  /** Plot height in px. */
  height: number;
  /** Time ticks: position in px and label. */
  xTicks: readonly { value: number; position: number; label: string }[];
  /** Value ticks: position in px and value. */
  yTicks: readonly { value: number; position: number }[];
  /** Formats value tick labels. */
  formatY: (value: number) => string;
}

/** Grid lines and tick labels; decorative for assistive tech, which reads the hidden table instead. */
export const Axes = memo(function Axes({ width, height, xTicks, yTicks, formatY }: AxesProps) {
  return (
    <g aria-hidden="true" fontSize={11} fill={themeVar.muted} fontFamily={themeVar.font}>
      {yTicks.map((tick) => (
        <g key={tick.value} transform={`translate(0,${tick.position})`}>
          <line x2={width} stroke={themeVar.grid} strokeDasharray={tick.value === 0 ? undefined : '2,3'} />
          <text x={-6} dy="0.32em" textAnchor="end">
            {formatY(tick.value)}
          </text>
        </g>
      ))}
      <line y1={height} y2={height} x2={width} stroke={themeVar.axis} />
      {xTicks.map((tick) => (
        <g key={tick.value} transform={`translate(${tick.position},${height})`} data-tick={tick.value}>
          <line y2={4} stroke={themeVar.axis} />
          <text y={16} textAnchor="middle">
            {tick.label}
          </text>
        </g>
      ))}
    </g>
  );
});
