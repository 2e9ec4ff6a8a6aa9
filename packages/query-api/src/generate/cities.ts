/** Real cities with their coordinates, used for generated traffic and to geocode Duo records. */
export interface City {
  readonly city: string;
  readonly state: string | null;
  /** Country name as Duo's location.country spells it. */
  readonly country: string;
  /** ISO 3166-1 alpha-2. */
  readonly countryCode: string;
  readonly lat: number;
  readonly lon: number;
  /** Standard-time UTC offset in hours, for the diurnal cycle. */
  readonly utcOffset: number;
}

const c = (
  city: string,
  state: string | null,
  country: string,
  countryCode: string,
  lat: number,
  lon: number,
  utcOffset: number,
): City => ({ city, state, country, countryCode, lat, lon, utcOffset });

export const CITIES: readonly City[] = [
  c('New York', 'New York', 'United States', 'US', 40.7128, -74.006, -5),
  c('San Francisco', 'California', 'United States', 'US', 37.7749, -122.4194, -8),
  c('Los Angeles', 'California', 'United States', 'US', 34.0522, -118.2437, -8),
  c('Chicago', 'Illinois', 'United States', 'US', 41.8781, -87.6298, -6),
  c('Austin', 'Texas', 'United States', 'US', 30.2672, -97.7431, -6),
  c('Seattle', 'Washington', 'United States', 'US', 47.6062, -122.3321, -8),
  c('Boston', 'Massachusetts', 'United States', 'US', 42.3601, -71.0589, -5),
  c('Ann Arbor', 'Michigan', 'United States', 'US', 42.2808, -83.743, -5),
  c('Atlanta', 'Georgia', 'United States', 'US', 33.749, -84.388, -5),
  c('Denver', 'Colorado', 'United States', 'US', 39.7392, -104.9903, -7),
  c('Toronto', 'Ontario', 'Canada', 'CA', 43.6532, -79.3832, -5),
  c('Vancouver', 'British Columbia', 'Canada', 'CA', 49.2827, -123.1207, -8),
  c('Mexico City', 'Ciudad de Mexico', 'Mexico', 'MX', 19.4326, -99.1332, -6),
  c('São Paulo', 'Sao Paulo', 'Brazil', 'BR', -23.5505, -46.6333, -3),
  c('London', 'England', 'United Kingdom', 'GB', 51.5074, -0.1278, 0),
  c('Manchester', 'England', 'United Kingdom', 'GB', 53.4808, -2.2426, 0),
  c('Edinburgh', 'Scotland', 'United Kingdom', 'GB', 55.9533, -3.1883, 0),
  c('Dublin', 'Leinster', 'Ireland', 'IE', 53.3498, -6.2603, 0),
  c('Paris', 'Ile-de-France', 'France', 'FR', 48.8566, 2.3522, 1),
  c('Berlin', 'Berlin', 'Germany', 'DE', 52.52, 13.405, 1),
  c('Munich', 'Bavaria', 'Germany', 'DE', 48.1351, 11.582, 1),
  c('Frankfurt', 'Hesse', 'Germany', 'DE', 50.1109, 8.6821, 1),
  c('Amsterdam', 'North Holland', 'Netherlands', 'NL', 52.3676, 4.9041, 1),
  c('Madrid', 'Madrid', 'Spain', 'ES', 40.4168, -3.7038, 1),
  c('Milan', 'Lombardy', 'Italy', 'IT', 45.4642, 9.19, 1),
  c('Zurich', 'Zurich', 'Switzerland', 'CH', 47.3769, 8.5417, 1),
  c('Stockholm', 'Stockholm', 'Sweden', 'SE', 59.3293, 18.0686, 1),
  c('Warsaw', 'Mazovia', 'Poland', 'PL', 52.2297, 21.0122, 1),
  c('Bucharest', 'Bucuresti', 'Romania', 'RO', 44.4268, 26.1025, 2),
  c('Kyiv', 'Kyiv City', 'Ukraine', 'UA', 50.4501, 30.5234, 2),
  c('Moscow', 'Moscow', 'Russia', 'RU', 55.7558, 37.6173, 3),
  c('Lagos', 'Lagos', 'Nigeria', 'NG', 6.5244, 3.3792, 1),
  c('Bangalore', 'Karnataka', 'India', 'IN', 12.9716, 77.5946, 5.5),
  c('Mumbai', 'Maharashtra', 'India', 'IN', 19.076, 72.8777, 5.5),
  c('Singapore', null, 'Singapore', 'SG', 1.3521, 103.8198, 8),
  c('Beijing', 'Beijing', 'China', 'CN', 39.9042, 116.4074, 8),
  c('Shanghai', 'Shanghai', 'China', 'CN', 31.2304, 121.4737, 8),
  c('Tokyo', 'Tokyo', 'Japan', 'JP', 35.6762, 139.6503, 9),
  c('Seoul', 'Seoul', 'South Korea', 'KR', 37.5665, 126.978, 9),
  c('Sydney', 'New South Wales', 'Australia', 'AU', -33.8688, 151.2093, 10),
  c('Pyongyang', 'Pyongyang', 'North Korea', 'KP', 39.0392, 125.7625, 9),
];

export function citiesIn(countryCode: string): City[] {
  return CITIES.filter((city) => city.countryCode === countryCode);
}
