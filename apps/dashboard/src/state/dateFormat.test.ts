import { formatInstant as chartInstant } from '@sightline/charts/stacked-area';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { instantFormat, viewerLocale } from './dateFormat';
import { formatInstant } from './zonedTime';

const at = new Date('2026-12-05T14:07:09Z');

afterEach(() => vi.unstubAllGlobals());

describe('the page’s one date format', () => {
  it('follows the viewer’s locale, names the month and shows the zone', () => {
    expect(instantFormat('Europe/Berlin', { locale: 'en-GB' }).format(at)).toBe('5 Dec 2026, 15:07 CET');
    expect(instantFormat('Europe/Berlin', { locale: 'en-US' }).format(at)).toBe('Dec 5, 2026, 15:07 GMT+1');
    expect(instantFormat('UTC', { locale: 'de-DE', seconds: true }).format(at)).toBe(
      '5. Dez. 2026, 14:07:09 UTC',
    );
  });

  it('is the charts’ tooltip format, so the range, the tables and the tooltips agree', () => {
    vi.stubGlobal('navigator', { language: 'en-GB' });
    expect(viewerLocale()).toBe('en-GB');
    expect(formatInstant(at, 'America/New_York')).toBe(
      chartInstant(at.getTime(), 'America/New_York', viewerLocale()),
    );
    expect(formatInstant(at, 'America/New_York')).toBe('5 Dec 2026, 09:07 GMT-5');
  });
});
