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
  /** Replaces the filter-naming empty message where "nothing" is good news, not a narrowed view. */
  emptyMessage?: ReactNode;
  children: (result: R) => ReactNode;
}

/** The one place that decides between skeleton, error, empty message and the chart. */
export function WidgetBody<R>({ report, noun, height, emptyMessage, children }: WidgetBodyProps<R>) {
  switch (report.state) {
    case 'loading':
      return <Skeleton height={height} />;
    case 'error':
      return <ErrorState error={report.error} onRetry={report.retry} />;
    case 'empty':
      return emptyMessage ? (
        <div className="sl-state" data-empty="none">
          {emptyMessage}
        </div>
      ) : (
        <EmptyState noun={noun} />
      );
    default:
      return report.result === undefined ? <Skeleton height={height} /> : <>{children(report.result)}</>;
  }
}
