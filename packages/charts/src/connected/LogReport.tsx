import { useMemo, useState } from 'react';
import {
  authLogFields,
  defaultColumns,
  type FieldName,
  type SortableField,
  isSortableField,
  MAX_SORT_FIELDS,
} from '@sightline/schema';
import { columnsFromFields, fieldFromCatalog, LogTable, type SortingState } from '../table';
import type { ReportDefinition, ReportSelection } from './types';
import { useLogPages } from './useLogPages';

export interface LogReportProps {
  definition: ReportDefinition;
  title: string;
  showTitle?: boolean;
  height?: number;
  onSelect?: (selection: ReportSelection) => void;
}

type Row = Record<string, unknown>;
type LogViewInput = Extract<ReportDefinition['view'], { type: 'log' }>;
type LogSortInput = NonNullable<LogViewInput['sort']>;

function toSorting(sort: LogViewInput['sort']): SortingState {
  return (sort ?? []).map(({ field, order }) => ({ id: field, desc: order !== 'asc' }));
}

function toLogSort(sorting: SortingState, sortable: ReadonlySet<string>): LogSortInput {
  return sorting
    .filter(({ id }) => sortable.has(id))
    .slice(0, MAX_SORT_FIELDS)
    .map(({ id, desc }) => ({ field: id as SortableField, order: desc ? 'desc' : 'asc' }));
}

/**
 * The log view of `<Report>`: pages through `nextCursor` as the reader scrolls. Sorting is the
 * server's: a header click changes the definition's `view.sort`, which is part of the query key, so
 * the pages start again from the first in the new order rather than sorting only the loaded rows.
 */
export function LogReport({ definition, title, showTitle, height, onSelect }: LogReportProps) {
  const view = definition.view;
  const logView = view.type === 'log' ? view : undefined;
  const names = (logView?.columns?.length ? logView.columns : defaultColumns) as FieldName[];
  const sortable = useMemo(() => new Set<string>(names.filter(isSortableField)), [names]);
  // null until the reader sorts: until then the definition's own sort (or the server's default) holds.
  const [chosen, setChosen] = useState<SortingState | null>(null);
  const sorting = useMemo(() => chosen ?? toSorting(logView?.sort), [chosen, logView?.sort]);
  const queried = useMemo((): ReportDefinition => {
    if (!logView || chosen === null) return definition;
    const rest: LogViewInput = { ...logView };
    delete rest.sort;
    const sort = toLogSort(chosen, sortable);
    return { ...definition, view: sort.length ? { ...rest, sort } : rest };
  }, [definition, logView, chosen, sortable]);

  const query = useLogPages(queried);
  const columns = useMemo(
    () =>
      columnsFromFields<Row>(
        names.map((name) =>
          fieldFromCatalog({ name, label: authLogFields[name].label, kind: authLogFields[name].kind }),
        ),
      ).map((column) => (sortable.has(column.id) ? column : { ...column, sortable: false })),
    [names, sortable],
  );
  const rows = query.rows as unknown as Row[];
  const stale = query.isPlaceholderData;
  return (
    <LogTable<Row>
      title={title}
      showTitle={showTitle}
      height={height}
      rows={rows}
      columns={columns}
      getRowId={(row, i) => String(row.txid ?? i)}
      sorting={sorting}
      onSortingChange={(updater) => setChosen(typeof updater === 'function' ? updater(sorting) : updater)}
      manualSorting
      busy={stale}
      totalCount={query.total}
      loading={query.isPending}
      error={query.error ?? undefined}
      hasMore={!stale && query.hasNextPage}
      loadingMore={query.isFetchingNextPage}
      onLoadMore={() => void query.fetchNextPage()}
      onSelect={onSelect && ((row) => onSelect({ view: 'log', row }))}
    />
  );
}
