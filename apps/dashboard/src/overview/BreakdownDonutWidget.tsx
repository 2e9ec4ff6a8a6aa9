import type { BreakdownResult, ReportDefinition } from '@sightline/schema/reports';
import type { FilterableField } from '@sightline/schema';
import { DonutChart } from '@sightline/charts/donut';
import { colorsFor } from '@sightline/charts';
import { useWidgetReport } from '../api/useWidgetReport';
import { Widget } from '../layout/Widget';
import { WidgetBody } from '../layout/WidgetBody';
import type { OverviewWidget } from './overviewReports';
import { useCrossFilter } from './useCrossFilter';
import { useDrillDown } from './useDrillDown';

interface BreakdownDonutWidgetProps {
  name: OverviewWidget;
  title: string;
  description: string;
  definition: ReportDefinition;
  field: FilterableField;
  noun: string;
  categoryHeader: string;
}

const HEIGHT = 260;

/**
 * A breakdown as a donut: a slice click (or Enter) opens the log rows behind it; a legend entry (or
 * Space on a slice) filters the whole page to that value.
 */
export function BreakdownDonutWidget({
  name,
  title,
  description,
  definition,
  field,
  noun,
  categoryHeader,
}: BreakdownDonutWidgetProps) {
  const report = useWidgetReport<'breakdown'>(definition, (r) => r.total === 0);
  const { selectedKey, toggle } = useCrossFilter(field);
  const drill = useDrillDown(name);
  return (
    <Widget name={name} title={title} description={description} state={report.state}>
      <WidgetBody report={report} noun={noun} height={HEIGHT}>
        {(result: BreakdownResult) => (
          <DonutChart
            data={result.rows}
            title={title}
            height={HEIGHT}
            categoryHeader={categoryHeader}
            valueHeader="Attempts"
            colorOf={colorsFor(field)}
            selectedKey={selectedKey}
            onSelect={(row) => toggle(row.key)}
            onOpen={(row) => drill.open({ field, value: row.key })}
          />
        )}
      </WidgetBody>
    </Widget>
  );
}
