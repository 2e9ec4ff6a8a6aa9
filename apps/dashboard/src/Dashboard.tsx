import { useMemo, useState } from 'react';
import { useFieldCatalog } from './api/useFieldCatalog';
import { usePrefetchInOrder } from './api/usePrefetchInOrder';
import { firstRequests } from './firstRequests';
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

const PAGES = { overview: OverviewPage, log: LogPage, builder: BuilderPage } as const;

/** The signed-in dashboard: the URL's state, the shell around it, and the page it names. */
export function Dashboard({ onSignOut }: { onSignOut: () => void }) {
  const { state, issues, update } = useDashboardState();
  // Before the shell renders; usually already asked for by startFirstRequests, on navigation not.
  usePrefetchInOrder(firstRequests(state));
  const { labelOf } = useFieldCatalog();
  const [dismissed, setDismissed] = useState<readonly string[]>([]);
  const context = useMemo(() => ({ state, update, labelOf }), [state, update, labelOf]);
  const Page = PAGES[state.route];
  const visibleIssues = issues.filter((i) => !dismissed.includes(i));

  return (
    <DashboardProvider value={context}>
      <AppShell
        state={state}
        onSignOut={onSignOut}
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
