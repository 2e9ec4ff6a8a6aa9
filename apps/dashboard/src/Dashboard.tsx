import { useMemo, useState } from 'react';
import { useCustomers } from './api/useCustomers';
import { useFieldCatalog } from './api/useFieldCatalog';
import { ChooseCustomer } from './layout/ChooseCustomer';
import { usePrefetchInOrder } from './api/usePrefetchInOrder';
import { firstRequests } from './firstRequests';
import { ExportAuditPage } from './audit/ExportAuditPage';
import { DataHealthPage } from './health/DataHealthPage';
import { FindingsAuditPage } from './audit/FindingsAuditPage';
import { AlertsPage } from './alerts/AlertsPage';
import { BuilderPage } from './builder/BuilderPage';
import { AppShell } from './layout/AppShell';
import { FilterBar } from './layout/FilterBar';
import { Toolbar } from './layout/Toolbar';
import { UrlIssues } from './layout/UrlIssues';
import { FindingsLink } from './findings/FindingsLink';
import { FindingsPage } from './findings/FindingsPage';
import { findingsHref, FINDINGS_TITLE, DEFAULT_FINDINGS_VIEW } from './findings/findingsUrl';
import { useFindingsLocation } from './findings/useFindingsLocation';
import { EntityPage } from './entity/EntityPage';
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
  health: DataHealthPage,
  alerts: AlertsPage,
  findingsAudit: FindingsAuditPage,
  user: EntityPage,
  ip: EntityPage,
} as const;

/** The signed-in dashboard: the URL's state, the shell around it, and the page it names. */
export function Dashboard({ onSignOut }: { onSignOut: () => void }) {
  const page = useDashboardState();
  // The Findings page keeps its own parameters beside the shared ones (findings/findingsUrl.ts).
  const findings = useFindingsLocation();
  const { state, issues, update } = findings ?? page;
  const customers = useCustomers();
  // An admin token reads no one until a customer is chosen: every report would be refused.
  const mustChoose = !state.customer && customers.kind !== 'own';
  // Before the shell renders; usually already asked for by startFirstRequests, on navigation not.
  usePrefetchInOrder(mustChoose || findings ? [] : firstRequests(state));

  const { labelOf } = useFieldCatalog();
  const [dismissed, setDismissed] = useState<readonly string[]>([]);
  const context = useMemo(() => ({ state, update, labelOf }), [state, update, labelOf]);
  const Page = mustChoose ? ChooseCustomer : PAGES[state.route];
  const body =
    findings && !mustChoose ? (
      <FindingsPage view={findings.view} onViewChange={findings.setView} />
    ) : (
      <Page />
    );
  const visibleIssues = issues.filter((i) => !dismissed.includes(i));

  return (
    <DashboardProvider value={context}>
      <AppShell
        state={state}
        onSignOut={onSignOut}
        admin={customers.kind === 'admin'}
        elsewhere={findings !== null}
        extraNav={
          <li>
            <FindingsLink
              href={findingsHref(state, findings?.view ?? DEFAULT_FINDINGS_VIEW)}
              current={findings !== null}
              className="sl-nav__link"
            >
              {FINDINGS_TITLE}
            </FindingsLink>
          </li>
        }
        toolbar={<Toolbar />}
        banner={
          <>
            {/* Findings are not filtered by field: the pills wait in the URL for the other pages. */}
            {!findings && (
              <FilterBar
                filters={state.filters}
                labelOf={labelOf}
                onRemove={(filter) => update((s) => ({ ...s, filters: removeFilter(s.filters, filter) }))}
                onClear={() => update((s) => ({ ...s, filters: [] }))}
              />
            )}
            <UrlIssues
              issues={visibleIssues}
              onDismiss={() => {
                setDismissed(issues);
                if (findings) findings.setView(findings.view, { replace: true });
                else navigateTo(state, { replace: true });
              }}
            />
          </>
        }
      >
        {body}
      </AppShell>
    </DashboardProvider>
  );
}
