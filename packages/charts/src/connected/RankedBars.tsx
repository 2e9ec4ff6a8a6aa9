import type { CSSProperties } from 'react';
import { ChartFrame, type ChartStateProps } from '../shared/ChartFrame';
import { themeVar } from '../theme/palette';
import type { BreakdownRow } from '@sightline/schema/reports';

export interface RankedBarsProps extends ChartStateProps {
  rows: readonly BreakdownRow[];
  title: string;
  showTitle?: boolean;
  height?: number;
  categoryHeader: string;
  valueHeader: string;
  formatValue: (value: number) => string;
  /** Groups with fewer attempts than this are left out of the ranking; said under the table. */
  minAttempts?: number;
  selectedKey?: string | null;
  /** Called with a row's key when its name is pressed. */
  onSelect?: (key: string) => void;
}

const bar: CSSProperties = {
  display: 'block',
  height: 4,
  marginTop: 2,
  background: themeVar.focus,
  borderRadius: 2,
};
const numeric: CSSProperties = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' };

/**
 * A breakdown of a rate, as a ranked table with proportional bars: a rate is not a part of a whole,
 * so it is never drawn as a donut.
 */
export function RankedBars({
  rows,
  title,
  showTitle,
  height,
  categoryHeader,
  valueHeader,
  formatValue,
  minAttempts,
  selectedKey,
  onSelect,
  ...state
}: RankedBarsProps) {
  const ranked = rows.filter((r) => !r.isOther);
  const max = Math.max(Number.EPSILON, ...ranked.map((r) => r.value));
  return (
    <ChartFrame title={title} showTitle={showTitle} height={height} empty={ranked.length === 0} {...state}>
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: 'left' }}>
              {categoryHeader}
            </th>
            <th scope="col" style={numeric}>
              {valueHeader}
            </th>
          </tr>
        </thead>
        <tbody>
          {ranked.map((row) => (
            <tr key={row.key}>
              <th scope="row" style={{ textAlign: 'left', fontWeight: 'normal' }}>
                {onSelect ? (
                  <button
                    type="button"
                    className="sl-ranked-bars__name"
                    aria-pressed={selectedKey === row.key}
                    onClick={() => onSelect(row.key)}
                  >
                    {row.label}
                  </button>
                ) : (
                  row.label
                )}
                <span style={{ ...bar, width: `${(row.value / max) * 100}%` }} aria-hidden="true" />
              </th>
              <td style={numeric}>{formatValue(row.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {minAttempts !== undefined && (
        <p>Ranked by failure rate; groups with fewer than {minAttempts} attempts are not ranked.</p>
      )}
    </ChartFrame>
  );
}
