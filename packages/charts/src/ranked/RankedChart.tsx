import type { ReactNode } from 'react';
import { ChartFrame, splitChartState, type ChartStateProps } from '../shared/ChartFrame';
import { themeVar } from '../theme/palette';
import { RankedTable, type RankedTableProps } from './RankedTable';

export interface RankedChartProps
  extends ChartStateProps, Omit<RankedTableProps, 'caption' | 'renderName' | 'renderValue'> {
  title: string;
  showTitle?: boolean;
  height?: number;
  /** Said under the table: how it was ranked, what was left out. */
  footnote?: ReactNode;
}

/**
 * A ranked table in a chart's frame, with its loading, empty and error states: how `<Report>` draws
 * the breakdown of a rate, which is not a part of a whole and so never a donut.
 */
export function RankedChart(props: RankedChartProps) {
  const [state, { title, showTitle, height, footnote, ...table }] = splitChartState(props);
  return (
    <ChartFrame
      title={title}
      showTitle={showTitle}
      height={height}
      empty={table.rows.length === 0}
      {...state}
    >
      <RankedTable caption={title} {...table} />
      {footnote !== undefined && <p style={{ color: themeVar.muted, margin: '6px 0 0' }}>{footnote}</p>}
    </ChartFrame>
  );
}
