import type { CSSProperties, ReactNode } from 'react';
import type { BreakdownRow } from '@sightline/schema/reports';
import { formatNumber } from '../shared/format';
import { visuallyHidden } from '../shared/visuallyHidden';
import { themeVar } from '../theme/palette';

export interface RankedTableProps {
  rows: readonly BreakdownRow[];
  /** Accessible name of the table (read by screen readers, not shown). */
  caption: string;
  categoryHeader: string;
  valueHeader: string;
  /** The key drawn as chosen (its name pressed). */
  selectedKey?: string | null;
  /** Called with a row's key when its name is pressed; without it names are plain text. */
  onSelect?: (key: string) => void;
  /** How a value reads; counts in the locale by default. */
  formatValue?: (value: number) => string;
  locale?: string;
  /** Draws a row's name instead of the button that selects it (a link to its own page, say). */
  renderName?: (row: BreakdownRow) => ReactNode;
  /** Draws a row's value from its formatted text (a link to the rows it counts, say). */
  renderValue?: (row: BreakdownRow, text: string) => ReactNode;
}

// Structure is inline, so the table reads right without the theme's style sheet; theme.css adds
// spacing, hover and header rules under .sl-ranked.
const nameCell: CSSProperties = {
  position: 'relative',
  width: '100%',
  textAlign: 'left',
  fontWeight: 'normal',
};
const above: CSSProperties = { position: 'relative', zIndex: 1 };
const barStyle = (share: number, other: boolean | undefined): CSSProperties => ({
  position: 'absolute',
  left: 0,
  top: 3,
  bottom: 3,
  width: `${share * 100}%`,
  borderRadius: 3,
  background: `color-mix(in srgb, ${other ? themeVar.other : 'var(--sl-series-0, #0072b2)'} 22%, transparent)`,
});
const valueCell: CSSProperties = {
  textAlign: 'right',
  fontVariantNumeric: 'tabular-nums',
  whiteSpace: 'nowrap',
};

/**
 * A top-N as a table with proportional bars behind the names: for values that are not parts of a
 * whole (a failure rate), or where names are long and many. Each name can select its key; "Other"
 * is drawn muted and cannot be selected.
 */
export function RankedTable({
  rows,
  caption,
  categoryHeader,
  valueHeader,
  selectedKey,
  onSelect,
  formatValue,
  locale,
  renderName,
  renderValue,
}: RankedTableProps) {
  const format = formatValue ?? ((v: number) => formatNumber(v, locale));
  const max = Math.max(Number.EPSILON, ...rows.map((r) => r.value));
  return (
    <table className="sl-ranked" style={{ width: '100%', borderCollapse: 'collapse' }}>
      <caption style={visuallyHidden}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" style={{ textAlign: 'left', fontWeight: 'normal' }}>
            {categoryHeader}
          </th>
          <th scope="col" className="sl-ranked__value" style={{ ...valueCell, fontWeight: 'normal' }}>
            {valueHeader}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const text = format(row.value);
          return (
            <tr key={row.key} className={row.isOther ? 'sl-ranked__other' : undefined}>
              <th scope="row" style={nameCell}>
                {row.isOther || (!renderName && !onSelect) ? (
                  <span style={{ ...above, ...(row.isOther ? { color: themeVar.muted } : {}) }}>
                    {row.label}
                  </span>
                ) : renderName ? (
                  <span style={above}>{renderName(row)}</span>
                ) : (
                  <button
                    type="button"
                    className="sl-ranked__name"
                    style={{ ...above, fontWeight: selectedKey === row.key ? 700 : undefined }}
                    aria-pressed={selectedKey === row.key}
                    onClick={() => onSelect?.(row.key)}
                  >
                    {row.label}
                  </button>
                )}
                <span
                  className="sl-ranked__bar"
                  style={barStyle(Math.max(0, row.value) / max, row.isOther)}
                  aria-hidden="true"
                />
              </th>
              <td className="sl-ranked__value" style={valueCell}>
                {renderValue ? renderValue(row, text) : text}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
