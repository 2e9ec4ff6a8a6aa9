import type { ReactNode } from 'react';
import type { FilterableField } from '@sightline/schema';
import { NavLink } from '../layout/NavLink';
import { useDashboard } from '../state/DashboardContext';
import { ENTITY_PAGES, entityProblem, entityRouteOf, entityState } from '../state/entity';

interface EntityLinkProps {
  field: FilterableField;
  value: string;
  className?: string;
  /** What the link shows (default: the value itself). */
  children?: ReactNode;
}

/**
 * A user name or an address as a link to its page, in the range and filters of the view it is on;
 * plain text for a field with no page or a value that cannot name one (a network, an empty name).
 */
export function EntityLink({ field, value, className, children }: EntityLinkProps) {
  const { state } = useDashboard();
  const route = entityRouteOf(field);
  if (!route || entityProblem(route, value) !== undefined) return <>{value}</>;
  return (
    // Inside a log row, the click would also expand the row it leaves behind: it ends here.
    <span onClick={(event) => event.stopPropagation()} className="sl-entity-link">
      <NavLink
        to={entityState(state, route, value)}
        className={className}
        label={`${value}: open the ${ENTITY_PAGES[route].subject}’s page`}
      >
        {children ?? value}
      </NavLink>
    </span>
  );
}
