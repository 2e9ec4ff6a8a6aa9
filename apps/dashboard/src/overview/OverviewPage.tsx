import { useMemo } from 'react';
import { COUNTING_RULE } from '@sightline/schema/reports';
import { PageHeading } from '../layout/PageHeading';
import { useDashboard } from '../state/DashboardContext';
import { reportScope } from '../state/reportScope';
import { AttemptsWidget } from './AttemptsWidget';
import { BreakdownDonutWidget } from './BreakdownDonutWidget';
import { CountryWidget } from './CountryWidget';
import { HeadlineWidget } from './HeadlineWidget';
import { LatestFailuresWidget } from './LatestFailuresWidget';
import { overviewReports } from './overviewReports';
import { RankedWidget } from './RankedWidget';
import { SignificantWidget } from './SignificantWidget';
import './overview.css';

export function OverviewPage() {
  const { state } = useDashboard();
  const { time, timeZone, filters } = state;
  const reports = useMemo(
    () => overviewReports(reportScope({ time, timeZone, filters })),
    [time, timeZone, filters],
  );
  return (
    <>
      <PageHeading title="Overview">
        <p className="sl-muted sl-counting-rule">{COUNTING_RULE}</p>
      </PageHeading>
      <div className="sl-overview">
        <HeadlineWidget definition={reports.headline} />
        <BreakdownDonutWidget
          name="summary"
          title="Authentication summary"
          description="Authentication attempts by result. Click a slice to see its attempts in the log, a legend entry to filter the page."
          definition={reports.summary}
          field="result"
          noun="authentication attempts"
          categoryHeader="Result"
        />
        <SignificantWidget definition={reports.significant} />
        <AttemptsWidget definition={reports.attempts} />
        <BreakdownDonutWidget
          name="reasons"
          title="Top failure reasons"
          description="Why attempts were denied or failed. Click a slice to see its attempts in the log."
          definition={reports.reasons}
          field="reason"
          noun="failed attempts"
          categoryHeader="Reason"
        />
        <CountryWidget definition={reports.countries} />
        <RankedWidget
          name="applications"
          title="Top applications"
          description="Where users signed in most. A name filters the page; a count opens its attempts in the log."
          definition={reports.applications}
          field="application.name"
          noun="attempts"
          categoryHeader="Application"
        />
        <LatestFailuresWidget definition={reports.latestFailures} />
      </div>
    </>
  );
}
