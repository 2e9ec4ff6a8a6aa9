import type { BreakdownResult, ReportDefinition } from '@sightline/query-api/reports';
import type { FilterableField } from '@sightline/query-api/schema';
import { DonutChart } from '@sightline/charts/donut';
import { colorsFor } from '../charts/keyColors';
import { useWidgetReport } from '../api/useWidgetReport';
import { Widget } from '../layout/Widget';
import { WidgetBody } from '../layout/WidgetBody';
import { useCrossFilter } from './useCrossFilter';

interface BreakdownDonutWidgetProps {
  name: string;
  title: string;
  description: string;
  definition: ReportDefinition;
  field: FilterableField;
  noun: string;
  categoryHeader: string;
}

const HEIGHT = 260;

/** A breakdown as a donut; a slice or legend entry click filters the whole page to that value. */
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
          />
        )}
      </WidgetBody>
    </Widget>
  );
}
