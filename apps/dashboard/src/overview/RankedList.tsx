import type { BreakdownRow } from '@sightline/schema/reports';
import type { ReactNode } from 'react';
import { NavLink } from '../layout/NavLink';
import type { DashboardState } from '../state/urlState';
import './ranked.css';

interface RankedListProps {
  rows: readonly BreakdownRow[];
  caption: string;
  categoryHeader: string;
  valueHeader: string;
  selectedKey: string | null;
  onSelect: (key: string) => void;
  /** How a value reads (counts by default; a rate as a percentage). */
  formatValue?: (value: number) => string;
  /** The log view of a row's attempts, which its count links to; undefined for a row with none. */
  linkTo?: (key: string) => DashboardState | undefined;
  /** Draws a row's name (a link to its own page) instead of the button that filters the page. */
  renderName?: (row: BreakdownRow) => ReactNode;
}

const format = new Intl.NumberFormat('en-US');

/**
 * A top-N as a table with proportional bars: each name is a button that filters the page, each count
 * a link to the log rows it counts.
 */
export function RankedList({
  rows,
  caption,
  categoryHeader,
  valueHeader,
  selectedKey,
  onSelect,
  formatValue = (v) => format.format(v),
  linkTo,
  renderName,
}: RankedListProps) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <table className="sl-ranked">
      <caption className="sl-visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{categoryHeader}</th>
          <th scope="col" className="sl-ranked__value">
            {valueHeader}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className={row.isOther ? 'sl-ranked__other' : undefined}>
            <th scope="row">
              {row.isOther ? (
                <span>{row.label}</span>
              ) : renderName ? (
                renderName(row)
              ) : (
                <button
                  type="button"
                  className="sl-ranked__name"
                  aria-pressed={selectedKey === row.key}
                  onClick={() => onSelect(row.key)}
                >
                  {row.label}
                </button>
              )}
              <span
                className="sl-ranked__bar"
                style={{ width: `${(row.value / max) * 100}%` }}
                aria-hidden="true"
              />
            </th>
            <td className="sl-ranked__value">
              <CountLink to={row.isOther ? undefined : linkTo?.(row.key)} label={row.label}>
                {formatValue(row.value)}
              </CountLink>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
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
