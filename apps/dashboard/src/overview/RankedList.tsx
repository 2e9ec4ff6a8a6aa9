import { RankedTable, type RankedTableProps } from '@sightline/charts';
import { NavLink } from '../layout/NavLink';
import type { DashboardState } from '../state/urlState';
import './ranked.css';

interface RankedListProps extends Omit<RankedTableProps, 'renderValue' | 'locale'> {
  /** The log view of a row's attempts, which its count links to; undefined for a row with none. */
  linkTo?: (key: string) => DashboardState | undefined;
}

/**
 * A top-N as the charts' ranked table: each name is a button that filters the page, each count a link
 * to the log rows it counts.
 */
export function RankedList({ linkTo, ...table }: RankedListProps) {
  return (
    <RankedTable
      {...table}
      locale="en-US"
      renderValue={(row, text) => (
        <CountLink to={row.isOther ? undefined : linkTo?.(row.key)} label={row.label}>
          {text}
        </CountLink>
      )}
    />
  );
}

/** A count that opens the log rows it counts; its name starts with the count it shows (WCAG 2.5.3). */
export function CountLink({
  to,
  label,
  children,
}: {
  to: DashboardState | undefined;
  label: string;
  children: string;
}) {
  if (!to) return <>{children}</>;
  return (
    <NavLink
      to={to}
      className="sl-ranked__count"
      label={`${children} ${label}: show these attempts in the log`}
    >
      {children}
    </NavLink>
  );
}
