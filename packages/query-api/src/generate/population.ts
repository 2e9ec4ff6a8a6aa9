import { CITIES, citiesIn, type City } from './cities';
import type { CustomerProfile } from './customers';
import type { Random } from './random';
import { Weighted } from './random';

/** What a user signs in with, fixed per user so reports see consistent devices. */
export interface Device {
  readonly browser: string;
  readonly browserVersion: string;
  readonly os: string;
  readonly osVersion: string;
  readonly encryption: boolean | 'unknown';
  readonly firewall: boolean | 'unknown';
  readonly password: boolean | 'unknown';
}

export interface User {
  readonly name: string;
  readonly key: string;
  readonly email: string;
  readonly groups: string[];
  readonly home: City;
  readonly ip: string;
  readonly phone: string;
  readonly phoneIp: string;
  readonly device: Device;
  readonly hostname: string | null;
  /** Some users approve with a token or passcodes rather than push. */
  readonly prefersPasscode: boolean;
}

export interface Application {
  readonly name: string;
  readonly key: string;
  readonly type: string;
}

export interface Population {
  readonly customer: CustomerProfile;
  readonly users: User[];
  readonly applications: Application[];
  readonly utcOffset: number;
}

const FIRST = [
  'james',
  'mary',
  'li',
  'fatima',
  'olga',
  'raj',
  'maria',
  'john',
  'wei',
  'anna',
  'ahmed',
  'sofia',
  'lucas',
  'emma',
  'yuki',
  'noah',
  'chloe',
  'ivan',
  'priya',
  'omar',
  'hannah',
  'diego',
  'sara',
  'kenji',
  'mateo',
  'lea',
  'arjun',
  'nina',
  'tom',
  'grace',
];
const LAST = [
  'smith',
  'garcia',
  'chen',
  'müller',
  'kowalski',
  'patel',
  'rossi',
  'nguyen',
  'kim',
  'silva',
  'brown',
  "o'neil",
  'tanaka',
  'dubois',
  'jensen',
  'lopez',
  'haddad',
  'novak',
  'ivanova',
  'wilson',
];
const PHONES = ['iPhone 15', 'iPhone 14 Pro', 'Pixel 8', 'Galaxy S23', 'iPhone 13', 'Pixel 7a'];
const DEVICES: readonly (readonly [Omit<Device, 'encryption' | 'firewall' | 'password'>, number])[] = [
  [{ browser: 'Chrome', browserVersion: '131.0.6778.86', os: 'Windows', osVersion: '11' }, 34],
  [{ browser: 'Edge', browserVersion: '131.0.2903.70', os: 'Windows', osVersion: '10' }, 14],
  [{ browser: 'Chrome', browserVersion: '131.0.6778.86', os: 'Mac OS X', osVersion: '15.1' }, 18],
  [{ browser: 'Safari', browserVersion: '18.1', os: 'Mac OS X', osVersion: '14.6' }, 10],
  [{ browser: 'Firefox', browserVersion: '133.0', os: 'Linux', osVersion: 'Ubuntu 24.04' }, 6],
  [{ browser: 'Mobile Safari', browserVersion: '18.1', os: 'iOS', osVersion: '18.1' }, 10],
  [{ browser: 'Chrome Mobile', browserVersion: '131.0', os: 'Android', osVersion: '14' }, 8],
];
const deviceTable = new Weighted(DEVICES);

function tristate(random: Random, pTrue: number, pUnknown: number): boolean | 'unknown' {
  const r = random.next();
  return r < pUnknown ? 'unknown' : r < pUnknown + (1 - pUnknown) * pTrue ? true : false;
}

/** A stable address for a city: one /16 per city from documentation-like private-looking space. */
export function cityAddress(cityIndex: number, random: Random, v6: boolean): string {
  if (v6)
    return `2001:db8:${(cityIndex + 16).toString(16)}:${random.int(65536).toString(16)}::${(random.int(65535) + 1).toString(16)}`;
  const first = [23, 34, 52, 63, 81, 94, 104, 128, 151, 176, 185, 203][cityIndex % 12]!;
  return `${first}.${(cityIndex * 5 + random.int(5)) % 256}.${random.int(256)}.${1 + random.int(254)}`;
}

/** Materialises a customer's users and applications; depends only on the seed and the profile. */
export function buildPopulation(customer: CustomerProfile, random: Random): Population {
  const countries = new Weighted(
    Object.entries(customer.countries).map(([code, w]) => [citiesIn(code), w] as const),
  );
  const users: User[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < customer.users; i++) {
    const first = random.pick(FIRST);
    const last = random.pick(LAST);
    let name = `${first}.${last}`.replace(/'/g, '');
    for (let n = 2; taken.has(name); n++) name = `${first}.${last}${n}`.replace(/'/g, '');
    taken.add(name);
    const candidates = countries.sample(random);
    const home = candidates.length > 0 ? random.pick(candidates) : random.pick(CITIES);
    const cityIndex = CITIES.indexOf(home);
    const base = deviceTable.sample(random);
    const groupCount = 1 + (random.chance(0.3) ? 1 : 0);
    const groups = Array.from(
      new Set(Array.from({ length: groupCount }, () => random.pickSkewed(customer.groups))),
    );
    users.push({
      name,
      key: random.key('DU'),
      email: `${name}@${customer.emailDomain}`,
      groups,
      home,
      ip: cityAddress(cityIndex, random, random.chance(0.1)),
      phone: random.pick(PHONES),
      phoneIp: cityAddress(cityIndex, random, false),
      device: {
        ...base,
        encryption: tristate(random, 0.85, 0.25),
        firewall: tristate(random, 0.8, 0.3),
        password: tristate(random, 0.95, 0.2),
      },
      hostname: random.chance(0.4) ? `${customer.id}-${random.key('', 6).toLowerCase()}` : null,
      prefersPasscode: random.chance(0.12),
    });
  }
  const applications = customer.applications.map((app) => ({ ...app, key: random.key('DI') }));
  const offsets = users.map((u) => u.home.utcOffset).sort((a, b) => a - b);
  return { customer, users, applications, utcOffset: offsets[Math.floor(offsets.length / 2)] ?? 0 };
}
