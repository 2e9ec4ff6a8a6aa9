import { useIsFetching } from '@tanstack/react-query';
import type { ComponentProps } from 'react';
import { useCustomers } from '../api/useCustomers';
import { useDashboard } from '../state/DashboardContext';
import { CustomerSwitcher } from './CustomerSwitcher';
import { FreshnessIndicator } from './FreshnessIndicator';
import { RefreshPicker } from './RefreshPicker';
import { TimePicker } from './TimePicker';
import { TimeZoneSelect } from './TimeZoneSelect';
import { SavedViews } from '../views/SavedViews';

/**
 * For admin tokens the customer first; then time range, time zone and auto-refresh: one setting for every widget on the page; then how fresh
 * the data behind them is.
 */
export function Toolbar() {
  const { state, update } = useDashboard();
  const customers = useCustomers();
  return (
    <>
      {customers.kind === 'admin' && (
        <CustomerSwitcher
          customers={customers.customers}
          value={state.customer}
          onChange={(customer) => update((s) => ({ ...s, customer }))}
        />
      )}
      <TimePicker
        time={state.time}
        timeZone={state.timeZone}
        onChange={(time) => update((s) => ({ ...s, time }))}
      />
      <TimeZoneSelect value={state.timeZone} onChange={(timeZone) => update((s) => ({ ...s, timeZone }))} />
      <PageRefreshPicker
        value={state.refresh}
        onChange={(refresh) => update((s) => ({ ...s, refresh }), { replace: true })}
      />
      <FreshnessIndicator refresh={state.refresh} />
      {/* Views belong to a customer: an admin has one once a customer is chosen. */}
      {(customers.kind === 'own' || (customers.kind === 'admin' && state.customer)) && <SavedViews />}
    </>
  );
}

/**
 * The refresh control, told whether any widget is fetching. Requests start and end all the time (a
 * page of the log, every live refetch) and only this control shows it, so only it renders again, not
 * the toolbar around it (bench/results/dashboard-fetch-renders.md).
 */
function PageRefreshPicker(props: Omit<ComponentProps<typeof RefreshPicker>, 'fetching'>) {
  const fetching = useIsFetching({ queryKey: ['sightline'] }) > 0;
  return <RefreshPicker {...props} fetching={fetching} />;
}
