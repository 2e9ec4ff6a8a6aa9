import { CITIES } from '../generate/cities';

/**
 * Country name → ISO 3166-1 alpha-2, for sources that give only a name (Duo's location.country).
 * Compact on purpose: the countries auth traffic comes from, with the spellings exports use.
 */
const NAMES: Record<string, string> = {
  'united states': 'US',
  'united states of america': 'US',
  usa: 'US',
  us: 'US',
  canada: 'CA',
  mexico: 'MX',
  brazil: 'BR',
  argentina: 'AR',
  chile: 'CL',
  colombia: 'CO',
  peru: 'PE',
  'united kingdom': 'GB',
  'great britain': 'GB',
  uk: 'GB',
  england: 'GB',
  ireland: 'IE',
  france: 'FR',
  germany: 'DE',
  netherlands: 'NL',
  'the netherlands': 'NL',
  belgium: 'BE',
  luxembourg: 'LU',
  switzerland: 'CH',
  austria: 'AT',
  spain: 'ES',
  portugal: 'PT',
  italy: 'IT',
  greece: 'GR',
  sweden: 'SE',
  norway: 'NO',
  denmark: 'DK',
  finland: 'FI',
  iceland: 'IS',
  poland: 'PL',
  czechia: 'CZ',
  'czech republic': 'CZ',
  slovakia: 'SK',
  hungary: 'HU',
  romania: 'RO',
  bulgaria: 'BG',
  serbia: 'RS',
  croatia: 'HR',
  slovenia: 'SI',
  ukraine: 'UA',
  belarus: 'BY',
  moldova: 'MD',
  lithuania: 'LT',
  latvia: 'LV',
  estonia: 'EE',
  russia: 'RU',
  'russian federation': 'RU',
  turkey: 'TR',
  türkiye: 'TR',
  israel: 'IL',
  'united arab emirates': 'AE',
  'saudi arabia': 'SA',
  qatar: 'QA',
  iran: 'IR',
  'iran, islamic republic of': 'IR',
  iraq: 'IQ',
  egypt: 'EG',
  morocco: 'MA',
  nigeria: 'NG',
  kenya: 'KE',
  ghana: 'GH',
  'south africa': 'ZA',
  ethiopia: 'ET',
  india: 'IN',
  pakistan: 'PK',
  bangladesh: 'BD',
  'sri lanka': 'LK',
  china: 'CN',
  'hong kong': 'HK',
  taiwan: 'TW',
  japan: 'JP',
  'south korea': 'KR',
  'korea, republic of': 'KR',
  'republic of korea': 'KR',
  'north korea': 'KP',
  "korea, democratic people's republic of": 'KP',
  singapore: 'SG',
  malaysia: 'MY',
  indonesia: 'ID',
  philippines: 'PH',
  thailand: 'TH',
  vietnam: 'VN',
  'viet nam': 'VN',
  australia: 'AU',
  'new zealand': 'NZ',
};

const CODES = new Set(Object.values(NAMES));

/** The ISO code for a country name, or null when the name is not one we know. */
export function countryCodeFor(name: string): string | null {
  return NAMES[name.trim().toLowerCase()] ?? null;
}

/** Whether a value is a known ISO 3166-1 alpha-2 code. */
export function isCountryCode(code: string): boolean {
  return CODES.has(code);
}

const cityKey = (city: string, code: string) => `${city.toLowerCase()}|${code}`;
const CITY_GEO = new Map(CITIES.map((c) => [cityKey(c.city, c.countryCode), { lat: c.lat, lon: c.lon }]));

/** The coordinates of a known city, for sources that give a place name but no geo point. */
export function cityGeo(city: string, countryCode: string): { lat: number; lon: number } | null {
  return CITY_GEO.get(cityKey(city, countryCode)) ?? null;
}
