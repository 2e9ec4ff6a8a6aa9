import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { countryCodeFor, isCountryCode } from './countries';

describe('country lookup', () => {
  it('names every ISO 3166-1 country by its official name, its variants and its codes', () => {
    const codes = Object.keys(countries.getAlpha2Codes());
    expect(codes.length).toBeGreaterThanOrEqual(249);
    for (const code of codes) {
      expect(isCountryCode(code)).toBe(true);
      expect(countryCodeFor(code.toLowerCase())).toBe(code);
      expect(countryCodeFor(countries.alpha2ToAlpha3(code)!)).toBe(code);
      // "Congo" alone is ambiguous between the two Congos; ISO's short name means the Republic.
      for (const name of countries.getNames('en', { select: 'all' })[code]!.filter((n) => n !== 'Congo'))
        expect([name, countryCodeFor(name)]).toEqual([name, code]);
    }
  });

  it.each([
    ['Kazakhstan', 'KZ'],
    ['kazakhstan', 'KZ'],
    ['Korea, Republic of', 'KR'],
    ['South Korea', 'KR'],
    ['United States of America', 'US'],
    ['U.S.A.', 'US'],
    ["Côte d'Ivoire", 'CI'],
    ['COTE D’IVOIRE', 'CI'],
    ['Ivory Coast', 'CI'],
    ['Iran, Islamic Republic of', 'IR'],
    ['Moldova', 'MD'],
    ['Holy See', 'VA'],
    ['The Netherlands', 'NL'],
    ['Türkiye', 'TR'],
    ['England', 'GB'],
    ['  viet   nam ', 'VN'],
    ['KAZ', 'KZ'],
    ['kz', 'KZ'],
  ])('%s is %s', (name, code) => {
    expect(countryCodeFor(name)).toBe(code);
  });

  it('knows no country by a made-up name', () => {
    expect(countryCodeFor('Atlantis')).toBeNull();
    expect(countryCodeFor('')).toBeNull();
    expect(isCountryCode('ZZ')).toBe(false);
  });
});
