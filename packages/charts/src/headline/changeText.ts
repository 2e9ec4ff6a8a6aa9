import { formatNumber, formatPercent } from '../shared/format';
import type { HeadlineItem } from './types';

/** The change of one figure, as words and an arrow, so it never depends on colour alone. */
export interface ChangeText {
  arrow: '▲' | '▼' | '■';
  /** Short, shown: "+50 (+50%)", "−2.5 pts (−20%)". */
  short: string;
  /** Full sentence for screen readers and the tooltip: "up 50 (+50%) from 100". */
  spoken: string;
  direction: 'up' | 'down' | 'same';
  /** Whether the change is good news, bad news or neither, when the item says which way is better. */
  tone: 'good' | 'bad' | 'neutral';
}

const signed = (text: string, value: number) => (value > 0 ? `+${text}` : value < 0 ? `−${text}` : text);

/** Describes how `item` moved from its previous value; undefined when there is nothing to compare. */
export function changeText(item: HeadlineItem, locale?: string): ChangeText | undefined {
  if (item.previous === undefined) return undefined;
  const delta = item.value - item.previous;
  const direction = delta > 0 ? 'up' : delta < 0 ? 'down' : 'same';
  const percent = item.format === 'percent';
  const magnitude = percent
    ? `${formatNumber(Math.round(Math.abs(delta) * 1000) / 10, locale)} pts`
    : formatNumber(Math.abs(delta), locale);
  const relative = item.previous === 0 ? undefined : delta / item.previous;
  const relativeText =
    relative === undefined ? '' : ` (${signed(formatPercent(Math.abs(relative), locale), relative)})`;
  const before = percent ? formatPercent(item.previous, locale) : formatNumber(item.previous, locale);
  const tone = direction === 'same' || !item.better ? 'neutral' : direction === item.better ? 'good' : 'bad';
  return {
    arrow: direction === 'up' ? '▲' : direction === 'down' ? '▼' : '■',
    short: direction === 'same' ? 'no change' : `${signed(magnitude, delta)}${relativeText}`,
    spoken:
      direction === 'same'
        ? `no change from ${before}`
        : `${direction} ${magnitude}${relativeText} from ${before}`,
    direction,
    tone,
  };
}
