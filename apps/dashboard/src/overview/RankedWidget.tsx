import type { BreakdownResult, ReportDefinition } from '@sightline/schema/reports';
import type { FilterableField } from '@sightline/schema';
import { useWidgetReport } from '../api/useWidgetReport';
import { Widget } from '../layout/Widget';
import { WidgetBody } from '../layout/WidgetBody';
import { RankedList } from './RankedList';
import type { OverviewWidget } from './overviewReports';
import { useCrossFilter } from './useCrossFilter';
import { useDrillDown } from './useDrillDown';

interface RankedWidgetProps {
  name: OverviewWidget;
  title: string;
  description: string;
  definition: ReportDefinition;
  field: FilterableField;
  noun: string;
  categoryHeader: string;
}

/** A top-N breakdown as a ranked list; a name click filters the page to it, a count opens its log rows. */
export function RankedWidget({
  name,
  title,
  description,
  definition,
  field,
  noun,
  categoryHeader,
}: RankedWidgetProps) {
  const report = useWidgetReport<'breakdown'>(definition, (r) => r.total === 0);
  const { selectedKey, toggle } = useCrossFilter(field);
  const drill = useDrillDown(name);
  return (
    <Widget name={name} title={title} description={description} state={report.state}>
      <WidgetBody report={report} noun={noun} height={260}>
        {(result: BreakdownResult) => (
          <RankedList
            rows={result.rows}
            caption={title}
            categoryHeader={categoryHeader}
            valueHeader="Attempts"
            selectedKey={selectedKey}
            onSelect={toggle}
            linkTo={(key) => drill.linkTo({ field, value: key })}
          />
        )}
      </WidgetBody>
    </Widget>
  );
}
