import { LogTable } from '@sightline/charts/table';
import type { LogResult, LogRow, ReportDefinition } from '@sightline/schema/reports';
import { useWidgetReport } from '../api/useWidgetReport';
import { NavLink } from '../layout/NavLink';
import { Widget } from '../layout/Widget';
import { WidgetBody } from '../layout/WidgetBody';
import { useLogColumns } from '../log/useLogColumns';
import { useDashboard } from '../state/DashboardContext';
import { setValues } from '../state/filters';
import { FAILED_RESULTS } from '@sightline/schema';
import { LATEST_FAILURE_COLUMNS } from './overviewReports';

/** The ten newest failed attempts, with a link to the whole filtered log. */
export function LatestFailuresWidget({ definition }: { definition: ReportDefinition }) {
  const { state } = useDashboard();
  const report = useWidgetReport<'log'>(definition, (r) => r.rows.length === 0);
  const columns = useLogColumns(LATEST_FAILURE_COLUMNS);
  const logLink = {
    ...state,
    route: 'log' as const,
    filters: state.filters.some((f) => f.kind === 'is' && f.field === 'result')
      ? state.filters
      : setValues(state.filters, 'is', 'result', FAILED_RESULTS),
  };
  return (
    <Widget
      name="latestFailures"
      title="Latest failures"
      description="Denied, failed, errored and fraudulent attempts, newest first."
      state={report.state}
      className="sl-widget--full"
      actions={<NavLink to={logLink}>Open in the log</NavLink>}
    >
      <WidgetBody report={report} noun="failed attempts" height={352}>
        {(result: LogResult) => (
          <LogTable<LogRow>
            title="Latest failures"
            rows={result.rows}
            columns={columns}
            getRowId={(row) => row.txid}
            totalCount={result.total}
            height={352}
            hideColumnMenu
          />
        )}
      </WidgetBody>
    </Widget>
  );
}
