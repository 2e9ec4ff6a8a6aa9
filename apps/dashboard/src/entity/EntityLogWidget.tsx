import { LogTable } from '@sightline/charts/table';
import type { LogResult, LogRow, ReportDefinition } from '@sightline/schema/reports';
import { useWidgetReport } from '../api/useWidgetReport';
import { NavLink } from '../layout/NavLink';
import { Widget } from '../layout/Widget';
import { WidgetBody } from '../layout/WidgetBody';
import { useLogColumns } from '../log/useLogColumns';
import { useDashboard } from '../state/DashboardContext';
import { ENTITY_LOG_COLUMNS, ENTITY_LOG_ROWS } from './entityReports';

const HEIGHT = 420;

/** The subject's newest events, every type; the log page has the rest, with the subject as a pill. */
export function EntityLogWidget({ definition, noun }: { definition: ReportDefinition; noun: string }) {
  // The context's filters hold the subject already (EntityPage), so the log opens on its rows.
  const { state } = useDashboard();
  const report = useWidgetReport<'log'>(definition, (r) => r.rows.length === 0);
  const columns = useLogColumns(ENTITY_LOG_COLUMNS);
  return (
    <Widget
      name="entityLog"
      title={`Events of this ${noun}`}
      description={`The newest ${ENTITY_LOG_ROWS}, every event type. Press Enter on a row to see the whole record.`}
      state={report.state}
      className="sl-widget--full"
      actions={
        <NavLink to={{ ...state, route: 'log', columns: [...ENTITY_LOG_COLUMNS] }}>
          Open all in the log
        </NavLink>
      }
    >
      <WidgetBody report={report} noun="events" height={HEIGHT}>
        {(result: LogResult) => (
          <LogTable<LogRow>
            title={`Events of this ${noun}`}
            rows={result.rows}
            columns={columns}
            getRowId={(row) => row.txid}
            totalCount={result.total}
            height={HEIGHT}
            hideColumnMenu
          />
        )}
      </WidgetBody>
    </Widget>
  );
}
