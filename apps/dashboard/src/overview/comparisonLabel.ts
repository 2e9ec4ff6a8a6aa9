import { instantFormat } from '../state/dateFormat';

/** Names the period the headline figures are compared with, in the page's one date format and zone. */
export function comparisonLabel(
  previous: { from: string; to: string },
  zone: string,
  locale?: string,
): string {
  const format = instantFormat(zone, locale ? { locale } : {});
  return `Change against the previous period of equal length: ${format.formatRange(
    new Date(previous.from),
    new Date(previous.to),
  )}`;
}
