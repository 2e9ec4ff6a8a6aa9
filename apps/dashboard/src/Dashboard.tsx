import { useMemo, useState } from 'react';
import { useCustomers } from './api/useCustomers';
import { useFieldCatalog } from './api/useFieldCatalog';
import { ChooseCustomer } from './layout/ChooseCustomer';
import { usePrefetchInOrder } from './api/usePrefetchInOrder';
import { firstRequests } from './firstRequests';
import { ExportAuditPage } from './audit/ExportAuditPage';
import { BuilderPage } from './builder/BuilderPage';
import { AppShell } from './layout/AppShell';
import { FilterBar } from './layout/FilterBar';
import { Toolbar } from './layout/Toolbar';
import { UrlIssues } from './layout/UrlIssues';
import { LogPage } from './log/LogPage';
import { OverviewPage } from './overview/OverviewPage';
import { DashboardProvider } from './state/DashboardContext';
import { removeFilter } from './state/filters';
import { navigateTo, useDashboardState } from './state/useDashboardState';

const PAGES = {
  overview: OverviewPage,
  log: LogPage,
  builder: BuilderPage,
  audit: ExportAuditPage,
} as const;

/** The signed-in dashboard: the URL's state, the shell around it, and the page it names. */
export function Dashboard({ onSignOut }: { onSignOut: () => void }) {
  const { state, issues, update } = useDashboardState();
  const customers = useCustomers();
  // An admin token reads no one until a customer is chosen: every report would be refused.
  const mustChoose = !state.customer && customers.kind !== 'own';
  // Before the shell renders; usually already asked for by startFirstRequests, on navigation not.
  usePrefetchInOrder(mustChoose ? [] : firstRequests(state));

  const { labelOf } = useFieldCatalog();
  const [dismissed, setDismissed] = useState<readonly string[]>([]);
  const context = useMemo(() => ({ state, update, labelOf }), [state, update, labelOf]);
  const Page = mustChoose ? ChooseCustomer : PAGES[state.route];
  const visibleIssues = issues.filter((i) => !dismissed.includes(i));

  return (
    <DashboardProvider value={context}>
      <AppShell
        state={state}
        onSignOut={onSignOut}
        admin={customers.kind === 'admin'}
        toolbar={<Toolbar />}
        banner={
          <>
            <FilterBar
              filters={state.filters}
              labelOf={labelOf}
              onRemove={(index) => update((s) => ({ ...s, filters: removeFilter(s.filters, index) }))}
              onClear={() => update((s) => ({ ...s, filters: [] }))}
            />
            <UrlIssues
              issues={visibleIssues}
              onDismiss={() => {
                setDismissed(issues);
                navigateTo(state, { replace: true });
              }}
            />
          </>
        }
      >
        <Page />
      </AppShell>
    </DashboardProvider>
  );
}
