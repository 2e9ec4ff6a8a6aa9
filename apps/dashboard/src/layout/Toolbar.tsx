import { useIsFetching } from '@tanstack/react-query';
import { useDashboard } from '../state/DashboardContext';
import { FreshnessIndicator } from './FreshnessIndicator';
import { RefreshPicker } from './RefreshPicker';
import { TimePicker } from './TimePicker';
import { TimeZoneSelect } from './TimeZoneSelect';

/**
 * Time range, time zone and auto-refresh: one setting for every widget on the page; then how fresh
 * the data behind them is.
 */
export function Toolbar() {
  const { state, update } = useDashboard();
  const fetching = useIsFetching({ queryKey: ['sightline'] }) > 0;
  return (
    <>
      <TimePicker
        time={state.time}
        timeZone={state.timeZone}
        onChange={(time) => update((s) => ({ ...s, time }))}
      />
      <TimeZoneSelect value={state.timeZone} onChange={(timeZone) => update((s) => ({ ...s, timeZone }))} />
      <RefreshPicker
        value={state.refresh}
        fetching={fetching}
        onChange={(refresh) => update((s) => ({ ...s, refresh }), { replace: true })}
      />
      <FreshnessIndicator refresh={state.refresh} />
    </>
  );
}
