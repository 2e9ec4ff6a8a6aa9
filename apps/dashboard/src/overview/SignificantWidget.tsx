import type { ReportDefinition, SignificantResult } from '@sightline/schema/reports';
import { useWidgetReport } from '../api/useWidgetReport';
import { OpenFindings } from '../findings/OpenFindings';
import { Widget } from '../layout/Widget';
import { WidgetBody } from '../layout/WidgetBody';
import { useDashboard } from '../state/DashboardContext';
import { entityProblem, entityRouteOf } from '../state/entity';
import { toggleValue } from '../state/filters';
import { EntityLink } from '../entity/EntityLink';
import { CountLink } from './RankedList';
import { useDrillDown } from './useDrillDown';
import './ranked.css';

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const times = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
/** The API returns up to five findings per field; the widget shows the strongest across all fields. */
const SHOWN = 10;

function strongest(rows: SignificantResult['rows']): SignificantResult['rows'] {
  return [...rows].sort((a, b) => b.score - a.score).slice(0, SHOWN);
}

/** A link to the value's own page where it has one (a user who stands out), beside filtering to it. */
function PageLink({ field, value }: { field: SignificantResult['rows'][number]['field']; value: string }) {
  const route = entityRouteOf(field);
  if (!route || entityProblem(route, value) !== undefined) return null;
  return (
    <>
      {' '}
      <EntityLink field={field} value={value} className="sl-ranked__page">
        page
      </EntityLink>
    </>
  );
}

/**
 * Values unusually frequent in the period compared with the customer's last 30 days
 * (significant terms), below the period's open findings. A value filters the page to it; its share now
 * opens the attempts behind it.
 */
export function SignificantWidget({ definition }: { definition: ReportDefinition }) {
  const { update, labelOf } = useDashboard();
  const report = useWidgetReport<'significant'>(definition, (r) => r.rows.length === 0);
  const drill = useDrillDown('significant');
  return (
    <Widget
      name="significant"
      title="Out of the ordinary"
      description="More frequent in this period than in the 30 days before it (or as long before, for longer periods)."
      state={report.state}
      className="sl-widget--pair"
    >
      {/* What detection found comes first; the values that stand out are the background to it. */}
      <OpenFindings />
      <WidgetBody
        report={report}
        noun="unusual values"
        height={260}
        emptyMessage={<p>Nothing stands out: every value is about as frequent as in the 30 days before.</p>}
      >
        {(result: SignificantResult) => (
          <table className="sl-ranked">
            <caption className="sl-visually-hidden">Out of the ordinary</caption>
            <thead>
              <tr>
                <th scope="col">Value</th>
                <th scope="col" className="sl-ranked__value">
                  Now
                </th>
                <th scope="col" className="sl-ranked__value">
                  Before
                </th>
                <th scope="col" className="sl-ranked__value">
                  Lift
                </th>
              </tr>
            </thead>
            <tbody>
              {strongest(result.rows).map((row) => (
                <tr key={`${row.field}:${row.key}`}>
                  <th scope="row">
                    <button
                      type="button"
                      className="sl-ranked__name"
                      onClick={() =>
                        update((s) => ({ ...s, filters: toggleValue(s.filters, row.field, row.key) }))
                      }
                    >
                      <span className="sl-muted">{labelOf(row.field)}:</span> {row.key}
                    </button>
                    <PageLink field={row.field} value={row.key} />
                  </th>
                  <td className="sl-ranked__value" title={`${row.count} attempts`}>
                    <CountLink
                      to={drill.linkTo({ field: row.field, value: row.key })}
                      label={`${labelOf(row.field)} ${row.key}`}
                    >
                      {percent.format(row.rate)}
                    </CountLink>
                  </td>
                  <td className="sl-ranked__value" title={`${row.backgroundCount} attempts`}>
                    {percent.format(row.backgroundRate)}
                  </td>
                  <td className="sl-ranked__value">×{times.format(row.lift)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </WidgetBody>
    </Widget>
  );
}
