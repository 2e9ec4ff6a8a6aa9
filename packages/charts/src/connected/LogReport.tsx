import { useMemo } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { authLogFields, defaultColumns } from '@sightline/query-api/schema';
import type { FieldName } from '@sightline/query-api/schema';
import { LogTable, columnsFromFields, fieldFromCatalog } from '../table';
import { useReportClient } from './SightlineProvider';
import type { LogResult, ReportDefinition, ReportSelection } from './types';
import { reportQueryKey } from './useReport';

export interface LogReportProps {
  definition: ReportDefinition;
  title: string;
  showTitle?: boolean;
  height?: number;
  onSelect?: (selection: ReportSelection) => void;
}

type Row = Record<string, unknown>;

/** The log view of `<Report>`: pages through `nextCursor` as the reader scrolls. */
export function LogReport({ definition, title, showTitle, height, onSelect }: LogReportProps) {
  const client = useReportClient();
  const query = useInfiniteQuery({
    queryKey: [...reportQueryKey(definition), 'pages'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) => {
      const page = {
        ...definition,
        view: { ...definition.view, ...(pageParam ? { cursor: pageParam } : {}) },
      };
      const result = await client.runReport(page as ReportDefinition, { signal });
      if (result.view !== 'log') throw new Error(`Expected a log result, got "${result.view}".`);
      return result;
    },
    getNextPageParam: (last: LogResult) => last.nextCursor ?? undefined,
  });
  const view = definition.view;
  const names = ('columns' in view && view.columns?.length ? view.columns : defaultColumns) as FieldName[];
  const columns = useMemo(
    () =>
      columnsFromFields<Row>(
        names.map((name) =>
          fieldFromCatalog({ name, label: authLogFields[name].label, kind: authLogFields[name].kind }),
        ),
      ),
    [names],
  );
  const rows = useMemo(
    () => query.data?.pages.flatMap((p) => p.rows as unknown as Row[]) ?? [],
    [query.data],
  );
  return (
    <LogTable<Row>
      title={title}
      showTitle={showTitle}
      height={height}
      rows={rows}
      columns={columns}
      getRowId={(row, i) => String(row.txid ?? i)}
      totalCount={query.data?.pages[0]?.total}
      loading={query.isPending}
      error={query.error ?? undefined}
      hasMore={query.hasNextPage}
      loadingMore={query.isFetchingNextPage}
      onLoadMore={() => void query.fetchNextPage()}
      onSelect={onSelect && ((row) => onSelect({ view: 'log', row }))}
    />
  );
}
