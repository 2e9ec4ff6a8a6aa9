import { HeadlineFigures } from '@sightline/charts/headline';
import { headlineItems } from '@sightline/charts/connected';
import type { HeadlineResult, ReportDefinition } from '@sightline/schema/reports';
import { useWidgetReport } from '../api/useWidgetReport';
import { Widget } from '../layout/Widget';
import { WidgetBody } from '../layout/WidgetBody';
import { useDashboard } from '../state/DashboardContext';
import { viewerLocale } from '../state/dateFormat';
import { comparisonLabel } from './comparisonLabel';

const HEIGHT = 72;

/**
 * Attempts, failure rate, distinct users and countries for the range, each with its change against
 * the window of equal length just before it: the figures an admin reads first.
 */
export function HeadlineWidget({ definition }: { definition: ReportDefinition }) {
  const { state } = useDashboard();
  // Nothing in either period: "no change from 0" would be noise, the empty state says it better.
  const report = useWidgetReport<'headline'>(
    definition,
    (r) => r.current.attempts === 0 && (r.previous?.figures.attempts ?? 0) === 0,
  );
  return (
    <Widget name="headline" title="This period" state={report.state} className="sl-widget--full">
      <WidgetBody report={report} noun="authentication attempts" height={HEIGHT}>
        {(result: HeadlineResult) => (
          <HeadlineFigures
            title="Headline figures with their change against the previous period"
            items={headlineItems(result)}
            locale={viewerLocale()}
            {...(result.previous
              ? { comparisonLabel: comparisonLabel(result.previous, state.timeZone) }
              : {})}
          />
        )}
      </WidgetBody>
    </Widget>
  );
}
