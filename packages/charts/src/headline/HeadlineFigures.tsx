import { ChartFrame, type ChartStateProps } from '../shared/ChartFrame';
import { formatNumber, formatPercent } from '../shared/format';
import { visuallyHidden } from '../shared/visuallyHidden';
import { themeVar } from '../theme/palette';
import { changeText } from './changeText';
import type { HeadlineItem } from './types';

export interface HeadlineFiguresProps extends ChartStateProps {
  /** The figures, in reading order. */
  items: readonly HeadlineItem[];
  /** Accessible name (and optional visible title). */
  title: string;
  /** Shows the title above the figures. */
  showTitle?: boolean;
  /** What the change is measured against, shown once: "vs. 13–20 Nov". */
  comparisonLabel?: string;
  /** BCP 47 locale for numbers; the reader's by default. */
  locale?: string;
  /** Height reserved for the loading, empty and error states. */
  height?: number;
  /** Class name on the `<figure>`. */
  className?: string;
}

/** Bad news in the danger colour; good news and no news stay plain (the arrow and words carry it). */
const TONE = { good: themeVar.fg, bad: themeVar.danger, neutral: themeVar.muted } as const;

/**
 * Headline figures of a period with their change against the previous one. Each change carries an
 * arrow and its sign in words ("up 50 (+50%) from 100"), so colour only repeats what the text says.
 */
export function HeadlineFigures({
  items,
  title,
  showTitle,
  comparisonLabel,
  locale,
  height = 96,
  className,
  ...state
}: HeadlineFiguresProps) {
  return (
    <ChartFrame
      {...state}
      title={title}
      showTitle={showTitle}
      height={height}
      className={className ? `sl-headline ${className}` : 'sl-headline'}
      empty={items.length === 0}
    >
      <dl
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(9.5rem, 1fr))',
          gap: 12,
          margin: 0,
        }}
      >
        {items.map((item) => {
          const change = changeText(item, locale);
          const value =
            item.format === 'percent' ? formatPercent(item.value, locale) : formatNumber(item.value, locale);
          return (
            <div key={item.key} data-figure={item.key} style={{ minWidth: 0 }}>
              <dt style={{ color: themeVar.muted, fontSize: '0.875em' }}>{item.label}</dt>
              <dd style={{ margin: 0, color: themeVar.fg, fontSize: '1.5em', fontWeight: 600 }}>{value}</dd>
              {change && (
                <dd
                  style={{ margin: 0, color: TONE[change.tone], fontSize: '0.875em' }}
                  data-direction={change.direction}
                >
                  <span aria-hidden="true">
                    {change.arrow} {change.short}
                  </span>
                  <span style={visuallyHidden}>{change.spoken}</span>
                </dd>
              )}
            </div>
          );
        })}
      </dl>
      {comparisonLabel && (
        <p style={{ margin: '8px 0 0', color: themeVar.muted, fontSize: '0.875em' }}>{comparisonLabel}</p>
      )}
    </ChartFrame>
  );
}
