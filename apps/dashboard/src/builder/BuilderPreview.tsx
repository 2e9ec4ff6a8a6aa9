import { useIsFetching } from '@tanstack/react-query';
import { Report, reportQueryKey, type ReportSelection } from '@sightline/charts/connected';
import type { ReportDefinition } from '@sightline/schema/reports';
import { viewerLocale } from '../state/dateFormat';
import { Widget } from '../layout/Widget';
import { useCrossFilter } from '../overview/useCrossFilter';
import type { BuilderState } from '../state/builder';
import { useDashboard } from '../state/DashboardContext';
import { refreshMs } from '../state/refresh';
import { fixedRange } from '../state/timeRange';

const HEIGHT = 340;

/**
 * The report as it will look, live: the very `<Report>` element the page hands out as a snippet, so
 * what the builder shows is what a front-end team's app renders. It re-runs whenever the settings,
 * time or filters change; picking a slice, series or country filters the page, brushing sets its time.
 */
export function BuilderPreview({
  builder,
  definition,
  title,
}: {
  builder: BuilderState;
  definition: ReportDefinition;
  title: string;
}) {
  const { state, update } = useDashboard();
  const refetchInterval = refreshMs(state.refresh);
  const groupField = builder.view === 'map' ? 'access_device.location.country_code' : builder.groupBy;
  const { selectedKey, toggle } = useCrossFilter(groupField);
  // The log's pages are keyed under the report's key, so this counts them too.
  const fetching = useIsFetching({ queryKey: reportQueryKey(definition) }) > 0;
  const select = (selection: ReportSelection) => {
    if ('key' in selection) toggle(selection.key);
    else if ('range' in selection) {
      const time = fixedRange(new Date(selection.range.from), new Date(selection.range.to));
      if (time) update((s) => ({ ...s, time }));
    } else if ('series' in selection) toggle(selection.series);
  };

  return (
    <Widget name="preview" title="Preview" description={title} state={fetching ? 'updating' : 'ready'}>
      <Report
        definition={definition}
        title={title}
        height={HEIGHT}
        locale={viewerLocale()}
        {...(refetchInterval ? { refetchInterval } : {})}
        selectedKey={selectedKey}
        {...(definition.view.type === 'log' ? {} : { onSelect: select })}
      />
    </Widget>
  );
}
