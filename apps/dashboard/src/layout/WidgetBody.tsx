import type { ReactNode } from 'react';
import type { WidgetReport } from '../api/useWidgetReport';
import { EmptyState } from './EmptyState';
import { ErrorState } from './ErrorState';
import { Skeleton } from './Widget';

interface WidgetBodyProps<R> {
  report: WidgetReport<R>;
  /** What there is none of, for the empty message. */
  noun: string;
  /** Height of the loading skeleton: the chart's own height, so nothing jumps. */
  height: number;
  children: (result: R) => ReactNode;
}

/** The one place that decides between skeleton, error, empty message and the chart. */
export function WidgetBody<R>({ report, noun, height, children }: WidgetBodyProps<R>) {
  switch (report.state) {
    case 'loading':
      return <Skeleton height={height} />;
    case 'error':
      return <ErrorState error={report.error} onRetry={report.retry} />;
    case 'empty':
      return <EmptyState noun={noun} />;
    default:
      return report.result === undefined ? <Skeleton height={height} /> : <>{children(report.result)}</>;
  }
}
