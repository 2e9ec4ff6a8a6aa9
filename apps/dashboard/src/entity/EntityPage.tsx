import { useCallback, useMemo } from 'react';
import { COUNTING_RULE } from '@sightline/schema/reports';
import { NavLink } from '../layout/NavLink';
import { PageHeading } from '../layout/PageHeading';
import { AttemptsWidget } from '../overview/AttemptsWidget';
import { BreakdownDonutWidget } from '../overview/BreakdownDonutWidget';
import { CountryWidget } from '../overview/CountryWidget';
import { HeadlineWidget } from '../overview/HeadlineWidget';
import { RankedWidget } from '../overview/RankedWidget';
import { DashboardProvider, useDashboard } from '../state/DashboardContext';
import { ENTITY_PAGES, entityFilters, isEntityRoute, type EntityRoute } from '../state/entity';
import { setValues } from '../state/filters';
import { reportScope } from '../state/reportScope';
import type { UpdateState } from '../state/useDashboardState';
import type { DashboardState } from '../state/urlState';
import { EntityLogWidget } from './EntityLogWidget';
import { COUNTERPART, entityReports } from './entityReports';
import { SubjectRankedWidget } from './SubjectRankedWidget';
import '../overview/overview.css';
import './entity.css';

/** The page of one user or one IP address over the page's range: what it did, from where, with what. */
export function EntityPage() {
  const { state, update, labelOf } = useDashboard();
  if (!isEntityRoute(state.route) || state.entity === undefined) return null;
  return (
    <EntityScope state={state} route={state.route} entity={state.entity} update={update} labelOf={labelOf} />
  );
}

interface EntityScopeProps {
  state: DashboardState;
  route: EntityRoute;
  entity: string;
  update: UpdateState;
  labelOf: ReturnType<typeof useDashboard>['labelOf'];
}

/**
 * The overview's widgets see the subject as one more filter, so their reports, cross-filters and
 * drill-downs need nothing of their own: a drill-down carries it into the log as a pill, and a change
 * that stays on this page (a legend click, a brushed range) is written back without it.
 */
function EntityScope({ state, route, entity, update, labelOf }: EntityScopeProps) {
  const page = ENTITY_PAGES[route];
  const scoped = useMemo(() => ({ ...state, filters: entityFilters(state) }), [state]);
  const scopedUpdate = useCallback<UpdateState>(
    (next, options) =>
      update((current) => {
        // From the live state, as update gives it: a second change while a transition renders adds to the first.
        const changed =
          typeof next === 'function' ? next({ ...current, filters: entityFilters(current) }) : next;
        if (changed.route !== current.route) return changed;
        return {
          ...changed,
          entity,
          filters: setValues(changed.filters, 'is', page.field, []),
        };
      }, options),
    [update, entity, page.field],
  );
  const context = useMemo(
    () => ({ state: scoped, update: scopedUpdate, labelOf }),
    [scoped, scopedUpdate, labelOf],
  );
  const { time, timeZone, filters } = scoped;
  const reports = useMemo(
    () => entityReports(route, reportScope({ time, timeZone, filters })),
    [route, time, timeZone, filters],
  );
  const counterpart = COUNTERPART[route];
  return (
    <DashboardProvider value={context}>
      <PageHeading title={`${page.title} ${entity}`}>
        <p className="sl-muted sl-counting-rule">
          Everything below is about {page.subject === 'user' ? 'this user' : 'this address'}, in the range and
          filters above. {COUNTING_RULE}
        </p>
        <p className="sl-entity__links">
          <NavLink to={{ ...scoped, route: 'log' }}>
            Open {page.subject === 'user' ? 'their' : 'its'} log
          </NavLink>
        </p>
      </PageHeading>
      <div className="sl-overview sl-entity" data-entity={route}>
        <HeadlineWidget definition={reports.headline} />
        <AttemptsWidget definition={reports.attempts} />
        <BreakdownDonutWidget
          name="reasons"
          title="Failures by reason"
          description="Why attempts were denied or failed. Click a slice to see its attempts in the log."
          definition={reports.reasons}
          field="reason"
          noun="failed attempts"
          categoryHeader="Reason"
        />
        <CountryWidget definition={reports.countries} />
        <SubjectRankedWidget
          name="counterpart"
          title={route === 'user' ? 'IP addresses' : 'Users'}
          description={
            route === 'user'
              ? 'Where the attempts came from. An address opens its page; a count its attempts in the log.'
              : 'Who signed in from here. A name opens the user’s page; a count the attempts in the log.'
          }
          definition={reports.counterpart}
          field={counterpart}
          categoryHeader={labelOf(counterpart)}
        />
        <RankedWidget
          name="applications"
          title="Applications"
          description="Where the attempts signed in to. A name filters the page; a count opens its attempts in the log."
          definition={reports.applications}
          field="application.name"
          noun="attempts"
          categoryHeader="Application"
        />
        <SubjectRankedWidget
          name="browsers"
          title="Browsers"
          description="The access devices’ browsers. A name filters the page; a count opens its attempts in the log."
          definition={reports.browsers}
          field="access_device.browser"
          categoryHeader="Browser"
        />
        <SubjectRankedWidget
          name="systems"
          title="Operating systems"
          description="The access devices’ systems. A name filters the page; a count opens its attempts in the log."
          definition={reports.systems}
          field="access_device.os"
          categoryHeader="Operating system"
        />
        <EntityLogWidget definition={reports.log} noun={page.subject} />
      </div>
    </DashboardProvider>
  );
}
