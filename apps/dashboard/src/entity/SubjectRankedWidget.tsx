import { AUTHENTICATIONS, type BreakdownResult, type ReportDefinition } from '@sightline/schema/reports';
import type { FilterableField } from '@sightline/schema';
import { useWidgetReport } from '../api/useWidgetReport';
import { Widget } from '../layout/Widget';
import { WidgetBody } from '../layout/WidgetBody';
import { RankedList } from '../overview/RankedList';
import { useCrossFilter } from '../overview/useCrossFilter';
import { useDashboard } from '../state/DashboardContext';
import { drillDown } from '../state/drillDown';
import { entityRouteOf } from '../state/entity';
import { EntityLink } from './EntityLink';

interface SubjectRankedWidgetProps {
  name: string;
  title: string;
  description: string;
  definition: ReportDefinition;
  field: FilterableField;
  categoryHeader: string;
}

/**
 * A breakdown of the subject's authentication attempts as a ranked list: each count opens its rows in
 * the log. A name filters the page, or, for users and addresses, opens the page of that user or address.
 */
export function SubjectRankedWidget({
  name,
  title,
  description,
  definition,
  field,
  categoryHeader,
}: SubjectRankedWidgetProps) {
  const { state } = useDashboard();
  const report = useWidgetReport<'breakdown'>(definition, (r) => r.total === 0);
  const { selectedKey, toggle } = useCrossFilter(field);
  const linked = entityRouteOf(field) !== undefined;
  return (
    <Widget name={name} title={title} description={description} state={report.state}>
      <WidgetBody report={report} noun="attempts" height={220}>
        {(result: BreakdownResult) => (
          <RankedList
            rows={result.rows}
            caption={title}
            categoryHeader={categoryHeader}
            valueHeader="Attempts"
            selectedKey={selectedKey}
            onSelect={toggle}
            linkTo={(key) => drillDown(state, { field, value: key, own: AUTHENTICATIONS })}
            {...(linked
              ? {
                  renderName: (row) =>
                    row.isNone ? (
                      <span>{row.label}</span>
                    ) : (
                      <EntityLink field={field} value={row.key} className="sl-ranked__name" />
                    ),
                }
              : {})}
          />
        )}
      </WidgetBody>
    </Widget>
  );
}
