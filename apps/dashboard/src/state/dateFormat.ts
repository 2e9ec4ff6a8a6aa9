import { INSTANT_FORMAT } from '@sightline/charts/stacked-area';

/** The viewer's locale, as the browser reports it; dates follow it, in the page's chosen zone. */
export function viewerLocale(): string {
  return (typeof navigator !== 'undefined' && navigator.language) || 'en-US';
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * The page's one date format: the charts' tooltip format (month by name, so day and month are never
 * confused; 24-hour clock; the zone's short name) in the viewer's locale, with seconds where a
 * record's own time is shown.
 */
export function instantFormat(zone: string, { seconds = false, locale = viewerLocale() } = {}) {
  const key = `${locale}|${zone}|${seconds}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      ...INSTANT_FORMAT,
      ...(seconds ? { second: '2-digit' } : {}),
      timeZone: zone,
    });
    formats.set(key, format);
  }
  return format;
}
