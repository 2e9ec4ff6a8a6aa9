import { SightlineApiError } from '@sightline/client';
import { PageHeading } from '../layout/PageHeading';
import { useDashboard } from '../state/DashboardContext';
import { LoadsPanel } from './LoadsPanel';
import { QualityPanel } from './QualityPanel';
import { SourcesPanel } from './SourcesPanel';
import { VersionsPanel } from './VersionsPanel';
import './health.css';

/**
 * Can the data be trusted, for admin tokens: what the pipeline loaded over time, how fresh each
 * source is, what the quality checks found, and how each period's versions differ.
 */
export function DataHealthPage() {
  const { state } = useDashboard();
  return (
    <>
      <PageHeading title="Data health">
        <p className="sl-muted">
          Loads from the load log, each source’s freshness and lag, the data-quality checks and the versions
          of each month{state.customer ? `; quality checks of ${state.customer} beside the pipeline’s` : ''}.
        </p>
      </PageHeading>
      <div className="sl-health">
        <LoadsPanel />
        <SourcesPanel />
        <QualityPanel />
        <VersionsPanel />
      </div>
    </>
  );
}

/** Every panel's query: answers only for admin tokens; a 403 or 400 is not worth retrying. */
export const healthRetry = (count: number, error: unknown) =>
  count < 1 && !(error instanceof SightlineApiError && error.status < 500);

/** The state a panel writes to `data-state`, as widgets do. */
export function panelState(
  query: { isPending: boolean; isError: boolean; isFetching: boolean },
  empty: boolean,
) {
  if (query.isPending) return 'loading' as const;
  if (query.isError) return 'error' as const;
  if (query.isFetching) return 'updating' as const;
  return empty ? ('empty' as const) : ('ready' as const);
}

/** What a refusal says: the admin-only rule, or the API's own message for a bad range. */
export function Refusal({ error }: { error: unknown }) {
  if (error instanceof SightlineApiError && error.status === 403)
    return <p role="alert">The data health is for admin tokens; this token reads one customer.</p>;
  return null;
}
