import { LogTable, type SortingState, type VisibilityState } from '@sightline/charts/table';
import type { LogRow } from '@sightline/schema/reports';
import { memo, useMemo } from 'react';
import { useFieldCatalog } from '../api/useFieldCatalog';
import { EmptyState } from '../layout/EmptyState';
import { ErrorState } from '../layout/ErrorState';
import { PageHeading } from '../layout/PageHeading';
import { Skeleton } from '../layout/Widget';
import { columnsAfterToggle } from '../state/columns';
import { useDashboard } from '../state/DashboardContext';
import { reportScope } from '../state/reportScope';
import { decodeSort, PAGE_SIZES, type PageSize } from '../state/sort';
import { ExportButtons } from './ExportButtons';
import { Facet } from './Facet';
import { logDefinition } from './logDefinition';
import { ReputationFilter } from './ReputationFilter';
import { SearchBox } from './SearchBox';
import { useLogColumns } from './useLogColumns';
import { useLogPages } from './useLogPages';
import './log.css';

const TABLE_HEIGHT = 760;
const count = new Intl.NumberFormat('en-US');
const txid = (row: LogRow) => row.txid;

/**
 * The search and the facets. Each reads the filters itself, so the page's own renders skip them: a
 * page of the log loading or arriving renders the table and its count, not the facets
 * (bench/results/dashboard-fetch-renders.md).
 */
const LogFilters = memo(function LogFilters() {
  return (
    <aside className="sl-log__filters" aria-label="Log filters">
      <h2 className="sl-visually-hidden">Filters</h2>
      <SearchBox />
      <Facet field="event_type" />
      <Facet field="result" />
      <Facet field="reason" />
      <Facet field="factor" />
      <Facet field="application.name" />
      <Facet field="user.name" top={6} />
      <Facet field="user.groups" top={6} />
      <Facet field="access_device.location.country" />
      <ReputationFilter />
    </aside>
  );
});

export function LogPage() {
  const { state, update } = useDashboard();
  const { fields } = useFieldCatalog();
  const { time, timeZone, filters, sort, pageSize, refresh, columns: shown } = state;
  const scope = useMemo(() => reportScope({ time, timeZone, filters }), [time, timeZone, filters]);
  const definition = useMemo(() => logDefinition(scope, sort, pageSize), [scope, sort, pageSize]);
  // The file holds what the table shows: the shown columns, in their order.
  const exported = useMemo(() => logDefinition(scope, sort, pageSize, shown), [scope, sort, pageSize, shown]);
  const log = useLogPages(definition, refresh);
  // Every field of the catalog is a column the reader can show: the shown ones first, in their order.
  const ordered = useMemo(
    () => [...shown, ...fields.map((f) => f.name).filter((name) => !shown.includes(name))],
    [fields, shown],
  );
  const columns = useLogColumns(ordered);
  const columnVisibility = useMemo<VisibilityState>(
    () => Object.fromEntries(ordered.map((name) => [name, shown.includes(name)])),
    [ordered, shown],
  );
  const sorting = useMemo<SortingState>(
    () => [{ id: sort.field, desc: sort.direction === 'desc' }],
    [sort.field, sort.direction],
  );

  return (
    <>
      <PageHeading title="Authentication log">
        <ExportButtons definition={exported} total={log.total} />
      </PageHeading>
      <div className="sl-log">
        <LogFilters />
        <section
          className="sl-log__table"
          aria-labelledby="log-results"
          data-widget="log"
          data-state={log.state}
        >
          <div className="sl-log__summary">
            <h2 id="log-results">
              {log.total === undefined ? 'Attempts' : `${count.format(log.total)} attempts`}
              {log.total !== undefined && log.rows.length > 0 && (
                <span className="sl-muted"> · {count.format(log.rows.length)} loaded</span>
              )}
            </h2>
            <label className="sl-control">
              <span>Rows per load</span>
              <select
                value={pageSize}
                onChange={(e) =>
                  update((s) => ({ ...s, pageSize: Number(e.target.value) as PageSize }), { replace: true })
                }
              >
                {PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {log.state === 'loading' && <Skeleton height={TABLE_HEIGHT} label="Loading the log" />}
          {log.state === 'error' && <ErrorState error={log.error} onRetry={log.retry} />}
          {log.state === 'empty' && <EmptyState noun="attempts" />}
          {(log.state === 'ready' || log.state === 'updating') && (
            <div className={log.state === 'updating' ? 'sl-widget__body--updating' : undefined}>
              <LogTable<LogRow>
                title="Authentication log"
                rows={log.rows}
                columns={columns}
                getRowId={txid}
                totalCount={log.total}
                sorting={sorting}
                columnVisibility={columnVisibility}
                onColumnVisibilityChange={(updater) => {
                  const next = typeof updater === 'function' ? updater(columnVisibility) : updater;
                  update(
                    (s) => ({ ...s, columns: columnsAfterToggle(s.columns, (name) => next[name] !== false) }),
                    { replace: true },
                  );
                }}
                onSortingChange={(updater) => {
                  const next = typeof updater === 'function' ? updater(sorting) : updater;
                  const first = next[0];
                  const decoded = first ? decodeSort(`${first.desc ? '-' : ''}${first.id}`) : undefined;
                  update((s) => ({
                    ...s,
                    sort: decoded ?? {
                      field: s.sort.field,
                      direction: s.sort.direction === 'asc' ? 'desc' : 'asc',
                    },
                  }));
                }}
                hasMore={log.hasMore}
                loadingMore={log.loadingMore}
                onLoadMore={log.loadMore}
                height={TABLE_HEIGHT}
              />
              {log.loadMoreError !== null && (
                <ErrorState error={log.loadMoreError} onRetry={log.retryLoadMore} />
              )}
            </div>
          )}
        </section>
      </div>
    </>
  );
}
