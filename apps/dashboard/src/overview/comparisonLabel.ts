import { instantFormat } from '../state/dateFormat';

/**
 * Names the period the headline figures are compared with, in the page's one date format and zone,
 * and says so when it held no attempts: the changes are then the whole figures, not a trend.
 */
export function comparisonLabel(
  previous: { from: string; to: string; figures: { attempts: number } },
  zone: string,
  locale?: string,
): string {
  const format = instantFormat(zone, locale ? { locale } : {});
  const period = format.formatRange(new Date(previous.from), new Date(previous.to));
  return previous.figures.attempts === 0
    ? `No attempts in the previous period of equal length (${period}) to compare with`
    : `Change against the previous period of equal length: ${period}`;
}
