import type { RawRecord } from './records.support';

/**
 * The oracle's data set: raw records as a source sends them, crafted so that every rule a report
 * counts by is exercised. Deterministic (a seeded generator), so a failure names the same records on
 * every run.
 *
 * - October and November 2016 (two monthly indices), around both October DST changes (Europe on the
 *   30th, America on 6 November) and the month's end in zones with a :30 offset;
 * - skewed: a few users and applications make most attempts, 2,000 users appear once (more terms than
 *   any index returns by default), and one user bursts in the last day;
 * - unicode names (composed and decomposed é, CJK, Greek, Arabic, emoji), and two "twins" with the same
 *   attempts whose names order differently by UTF-16 code unit than by code point;
 * - reasons, groups, countries, locations, users and applications missing (null, absent or empty);
 * - several groups per user, a group repeated within one record;
 * - records sent twice, in the same batch and in a later one, and another customer's records.
 */

export const MONTHS = ['2016-10', '2016-11'] as const;
export const PREFIX = 'itoracle-';
export const CUSTOMER = `${PREFIX}acme`;
export const NEIGHBOUR = `${PREFIX}neighbour`;

const START = Date.parse('2016-10-01T00:00:00Z');
const END = Date.parse('2016-11-12T00:00:00Z');
/** What the built-in reports take as "now": their 7 days span the month's end and Europe's DST change. */
export const NOW = new Date('2016-11-03T12:00:00Z');
const DAY = 86_400_000;

/** Where a record comes from: the country name as sent, the ISO code it names (null: no country). */
interface Place {
  country: string | null;
  code: string | null;
  city: string | null;
  geo: { lat: number; lon: number } | null;
}
const PLACES: [Place, number][] = [
  [{ country: 'Germany', code: 'DE', city: 'Berlin', geo: { lat: 52.52, lon: 13.405 } }, 30],
  [{ country: 'India', code: 'IN', city: 'Mumbai', geo: { lat: 19.076, lon: 72.8777 } }, 20],
  [{ country: 'United States', code: 'US', city: 'New York', geo: { lat: 40.7128, lon: -74.006 } }, 12],
  [{ country: 'USA', code: 'US', city: 'Chicago', geo: { lat: 41.8781, lon: -87.6298 } }, 5],
  [
    { country: 'United States of America', code: 'US', city: 'Denver', geo: { lat: 39.7392, lon: -104.99 } },
    2,
  ],
  [{ country: 'Kazakhstan', code: 'KZ', city: 'Almaty', geo: { lat: 43.2389, lon: 76.8897 } }, 3],
  [{ country: 'Côte d’Ivoire', code: 'CI', city: 'Abidjan', geo: { lat: 5.36, lon: -4.0083 } }, 2],
  [{ country: 'Türkiye', code: 'TR', city: 'Ankara', geo: { lat: 39.9334, lon: 32.8597 } }, 3],
  // Named, but no ISO 3166-1 country: the map's Unknown row.
  [{ country: 'Atlantis', code: null, city: 'Poseidonia', geo: null }, 2],
  // A city without a country, and (below) no location at all: the map's None row.
  [{ country: null, code: null, city: 'Nowhere', geo: null }, 2],
];
/** The ISO code each country name above names, as the oracle reads it. */
export const COUNTRY_CODES: ReadonlyMap<string, string | null> = new Map(
  PLACES.filter(([p]) => p.country !== null).map(([p]) => [p.country!, p.code]),
);

const USERS = [
  'Ada Lovelace',
  'Zoë Ångström',
  '李小龍',
  'Jos\u00e9 N\u00fa\u00f1ez',
  'Jose\u0301 Nu\u0301n\u0303ez',
  'Συμεών Παπαδόπουλος',
  'محمد علي',
  'Ørjan Ødegård',
  'bob',
  'carol',
  'Łukasz Żółć',
  'dave',
  'Ñandú',
  'eve',
  'Frédéric Chopin',
  'grace',
  'Håkon',
  'ivan',
  'Jürgen',
  'kim',
  'Lena',
  'mallory',
  'Noël',
  'oscar',
  'peggy',
  'Quentin',
  'rupert',
  'Siobhán',
  'trent',
  'Úrsula',
];
/** Same attempts, names that order one way by UTF-16 code unit and the other by code point (as Elasticsearch orders). */
export const TWINS = ['🦊 Fox', 'ﬀ Ligature'] as const;
/** The user whose attempts burst in the built-ins' last 24 hours. */
export const BURSTING = 'Łukasz Żółć';

const APPS = [
  'VPN',
  'Mail',
  'Ünïcödé Portal',
  '財務システム',
  'Café ☕',
  'HR',
  'Wiki',
  'CRM',
  'Git',
  'Ticketing',
  'Payroll',
  'Intranet Ω',
  'Build',
  'Chat',
];
const FACTORS: [string | null, number][] = [
  ['duo_push', 50],
  ['passcode', 15],
  ['phone_call', 8],
  ['sms', 6],
  ['webauthn_credential', 4],
  [null, 3],
];
const RESULTS: [string, number][] = [
  ['success', 70],
  ['denied', 14],
  ['failure', 8],
  ['error', 3],
  ['fraud', 1],
];
const REASONS: Record<string, [string, number][]> = {
  success: [
    ['user_approved', 8],
    ['valid_passcode', 2],
    ['remembered_device', 1],
  ],
  denied: [
    ['invalid_passcode', 4],
    ['locked_out', 2],
    ['deny_unenrolled_user', 1],
    ['anonymous_ip', 1],
  ],
  failure: [
    ['no_response', 3],
    ['user_cancelled', 1],
  ],
  error: [['error', 1]],
  fraud: [['user_marked_fraud', 1]],
};
/** Group shapes: one group, several, a repeat, none (empty, absent, an empty name). `undefined` leaves the field out. */
const GROUPS: [string[] | undefined, number][] = [
  [['Staff'], 40],
  [['Staff', 'Admins'], 14],
  [['Contractors'], 10],
  [['Équipe Δ'], 7],
  [['Finance', 'Staff', 'Admins'], 5],
  [['研究所', 'Staff'], 3],
  [['Staff', 'Staff'], 2],
  [[], 8],
  [undefined, 6],
  [[''], 2],
];
const REPUTATIONS: [Record<string, boolean> | undefined, number][] = [
  [{ is_malicious: false, is_vpn: false, is_tor: false }, 80],
  [{ is_malicious: true, is_vpn: false, is_tor: false }, 5],
  [{ is_malicious: false, is_vpn: true, is_tor: false }, 4],
  [{ is_malicious: false, is_vpn: false, is_tor: true }, 2],
  // Duo records carry no reputation.
  [undefined, 6],
];
const RISKY_IPS = ['203.0.113.7', '203.0.113.66', '198.51.100.23', '2001:db8::bad', '45.9.148.3'];

/** Instants where buckets turn: month ends in UTC, India (+5:30) and Europe, both DST changes, the built-ins' edges. */
const EDGES = [
  '2016-10-31T23:59:59.999Z',
  '2016-11-01T00:00:00.000Z',
  '2016-10-31T18:29:59.999Z',
  '2016-10-31T18:30:00.000Z',
  '2016-10-31T22:59:59.999Z',
  '2016-10-31T23:00:00.000Z',
  '2016-10-30T00:30:00.000Z',
  '2016-10-30T00:59:59.999Z',
  '2016-10-30T01:00:00.000Z',
  '2016-10-30T01:30:00.000Z',
  '2016-11-06T05:30:00.000Z',
  '2016-11-06T05:59:59.999Z',
  '2016-11-06T06:00:00.000Z',
  '2016-11-06T06:30:00.000Z',
  '2016-10-27T12:00:00.000Z',
  '2016-11-02T12:00:00.000Z',
  '2016-11-03T11:59:59.999Z',
  '2016-11-03T12:00:00.000Z',
  '2016-10-20T07:00:00.000Z',
  '2016-11-08T13:44:59.999Z',
  '2016-11-08T13:45:00.000Z',
];

/** A location as a source sends it: a country's name, never its code. */
function locationOf(place: Place): RawRecord['access_device']['location'] {
  return { country: place.country, city: place.city, geo: place.geo };
}

/** mulberry32: a small seeded generator, so the data set is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface OracleData {
  /** The first batch, with some records twice. */
  first: RawRecord[];
  /** A later batch: records already sent. */
  again: RawRecord[];
}

export function oracleData(): OracleData {
  const rnd = random(20161030);
  const pick = <T>(choices: readonly [T, number][]): T => {
    const total = choices.reduce((s, [, w]) => s + w, 0);
    let r = rnd() * total;
    for (const [value, w] of choices) if ((r -= w) < 0) return value;
    return choices[choices.length - 1]![0];
  };
  const zipf = <T>(values: readonly T[], s: number): [T, number][] =>
    values.map((v, i) => [v, 1 / (i + 1) ** s]);
  const users = zipf(USERS, 1);
  const apps = zipf(APPS, 1.2);
  const records: RawRecord[] = [];
  let n = 0;

  function make(customer: string, ts: number, user: string | null): RawRecord {
    const enrollment = rnd() < 0.08;
    const result = enrollment ? (rnd() < 0.2 ? 'failure' : 'success') : pick(RESULTS);
    const place = rnd() < 0.04 ? undefined : pick(PLACES);
    const reasonRoll = rnd();
    const reason =
      reasonRoll < 0.07
        ? null
        : reasonRoll < 0.1
          ? undefined
          : reasonRoll < 0.11
            ? ''
            : pick(REASONS[result]!);
    const groups = pick(GROUPS);
    const reputation = pick(REPUTATIONS);
    const risky = reputation !== undefined && Object.values(reputation).some(Boolean);
    const ip = risky
      ? RISKY_IPS[Math.floor(rnd() * RISKY_IPS.length)]!
      : `10.${Math.floor(rnd() * 4)}.${Math.floor(rnd() * 8)}.${1 + Math.floor(rnd() * 30)}`;
    const r: Record<string, unknown> = {
      txid: `oracle-${n++}`,
      customer_id: customer,
      ts: new Date(ts).toISOString(),
      event_type: enrollment ? 'enrollment' : 'authentication',
      result,
      reason,
      factor: pick(FACTORS),
      user: {
        name: user,
        key: user === null ? null : `DU${n}`,
        ...(groups !== undefined ? { groups } : {}),
      },
      application: { name: rnd() < 0.02 ? null : pick(apps), type: 'SAML' },
      access_device: {
        ip,
        ...(reputation ? { ip_reputation: reputation } : {}),
        ...(place ? { location: locationOf(place) } : {}),
      },
    };
    if (reason === undefined) delete r.reason;
    return r as RawRecord;
  }
  const anyTime = () => START + Math.floor(rnd() * (END - START));

  for (let i = 0; i < 2400; i++) records.push(make(CUSTOMER, anyTime(), rnd() < 0.015 ? null : pick(users)));
  // Twins: the same attempt by each, so they tie in every window and under every filter.
  for (let i = 0; i < 40; i++) {
    const a = make(CUSTOMER, anyTime(), TWINS[0]);
    const b = structuredClone(a);
    b.txid = `oracle-${n++}`;
    b.user.name = TWINS[1];
    records.push(a, b);
  }
  // The long tail: once each, in October.
  for (let u = 0; u < 2000; u++) {
    const r = make(
      CUSTOMER,
      Date.parse('2016-10-02T00:00:00Z') + Math.floor(rnd() * 27 * DAY),
      `tail-${String(u).padStart(4, '0')}`,
    );
    records.push(r);
  }
  // A burst in the built-ins' last day: a user with a normal history fails from a new country.
  for (let i = 0; i < 30; i++) {
    const r = make(CUSTOMER, NOW.getTime() - DAY + Math.floor(rnd() * DAY), BURSTING);
    Object.assign(r, { event_type: 'authentication', result: 'denied', reason: 'invalid_passcode' });
    r.access_device.location = locationOf(PLACES[5]![0]);
    r.application = { name: 'Café ☕', type: 'SAML' };
    records.push(r);
  }
  for (const at of EDGES)
    for (const result of ['success', 'denied', 'failure']) {
      const r = make(CUSTOMER, Date.parse(at), 'Edge Case');
      Object.assign(r, { event_type: 'authentication', result });
      records.push(r);
    }
  for (let i = 0; i < 200; i++) records.push(make(NEIGHBOUR, anyTime(), pick(users)));

  const first = [...records];
  for (let i = 0; i < 60; i++) first.push(structuredClone(records[Math.floor(rnd() * records.length)]!));
  const again = Array.from({ length: 100 }, () =>
    structuredClone(records[Math.floor(rnd() * records.length)]!),
  );
  return { first, again };
}
