import countries from 'i18n-iso-countries';
import { CITIES } from '../generate/cities';

/**
 * English names, common variants and codes of every ISO 3166-1 country, from i18n-iso-countries
 * (official name, short names and aliases such as "South Korea", "Korea, Republic of", "USA").
 */
const ALIASES: Record<string, string> = {
  // Spellings exports use that the data set leaves out.
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  'czech republic': 'CZ',
  turkiye: 'TR',
  'viet nam': 'VN',
  'north korea': 'KP',
  "korea, democratic people's republic of": 'KP',
  burma: 'MM',
  'cape verde': 'CV',
  swaziland: 'SZ',
  macedonia: 'MK',
  holland: 'NL',
  // ISO's short name; the Democratic Republic is "DR Congo" or its full name.
  congo: 'CG',
  'dr congo': 'CD',
  laos: 'LA',
  syria: 'SY',
  brunei: 'BN',
  macau: 'MO',
  vatican: 'VA',
  'vatican city': 'VA',
  'ivory coast': 'CI',
  'congo, the democratic republic of the': 'CD',
  'bolivia, plurinational state of': 'BO',
  'venezuela, bolivarian republic of': 'VE',
};

/**
 * The form names are compared in: case, accents, curly apostrophes, dots of abbreviations ("U.S."),
 * runs of spaces and a leading "the" do not matter.
 */
function fold(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\./g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/^the /, '');
}

const CODES = new Set(Object.keys(countries.getAlpha2Codes()));

/**
 * Forms a variant is also written in: without its parenthesis ("Holy See"), before its comma
 * ("Moldova", "Micronesia"), turned around its comma ("US Virgin Islands") and ISO's older
 * inverted form ("Iran, Islamic Republic of").
 */
function derived(variant: string): string[] {
  const out: string[] = [];
  const bare = variant.replace(/\s*\(.*\)\s*/g, ' ').trim();
  if (bare !== variant) out.push(bare);
  const comma = /^([^,]+), (.+)$/.exec(bare);
  if (comma) out.push(comma[1]!, `${comma[2]} ${comma[1]}`);
  const of = /^(.+?) of (the )?(.+)$/.exec(bare);
  if (of && !comma) out.push(`${of[3]}, ${of[1]} of${of[2] ? ' the' : ''}`);
  return out;
}

const NAMES = (() => {
  const names = new Map<string, string>();
  const english = countries.getNames('en', { select: 'all' });
  for (const [code, variants] of Object.entries(english))
    for (const variant of variants) names.set(fold(variant), code);
  for (const [alias, code] of Object.entries(ALIASES)) names.set(fold(alias), code);
  // A derived form names a country only when no name already means something and no other country
  // derives it too ("Korea" would be both Koreas).
  const candidates = new Map<string, Set<string>>();
  for (const [code, variants] of Object.entries(english))
    for (const form of variants.flatMap(derived)) {
      const key = fold(form);
      if (!names.has(key)) candidates.set(key, (candidates.get(key) ?? new Set()).add(code));
    }
  for (const [key, codes] of candidates) if (codes.size === 1) names.set(key, [...codes][0]!);
  for (const code of CODES) {
    names.set(code.toLowerCase(), code);
    const alpha3 = countries.alpha2ToAlpha3(code);
    if (alpha3) names.set(alpha3.toLowerCase(), code);
  }
  return names;
})();

/** The ISO 3166-1 alpha-2 code for a country's name, variant or alpha-2/alpha-3 code, or null. */
export function countryCodeFor(name: string): string | null {
  return NAMES.get(fold(name)) ?? null;
}

/** Whether a value is an ISO 3166-1 alpha-2 code. */
export function isCountryCode(code: string): boolean {
  return CODES.has(code);
}

const cityKey = (city: string, code: string) => `${city.toLowerCase()}|${code}`;
const CITY_GEO = new Map(CITIES.map((c) => [cityKey(c.city, c.countryCode), { lat: c.lat, lon: c.lon }]));

/** The coordinates of a known city, for sources that give a place name but no geo point. */
export function cityGeo(city: string, countryCode: string): { lat: number; lon: number } | null {
  return CITY_GEO.get(cityKey(city, countryCode)) ?? null;
}
