import type { AuthLogRecord } from '@sightline/schema';
import { planBursts, type Burst } from './bursts';
import { CITIES, type City } from './cities';
import { customersFor, type CustomerPreset } from './customers';
import { attackOutcome, fraudBurstOutcome, normalOutcome, type Outcome } from './outcomes';
import { buildPopulation, cityAddress, type Population, type User } from './population';
import { Random } from './random';
import { destinationFor, sourceRiskFor } from './risk';
import { HOUR_MS, hourCounts, planHours } from './timeline';

export interface GenerateOptions {
  seed: string | number;
  count: number;
  /** Length of the period, ending at `end`. */
  days?: number;
  end?: Date;
  customers?: CustomerPreset;
  /** Prepended to every customer id: lets tests and benchmarks keep their data apart. */
  customerPrefix?: string;
}

/**
 * A canonical record as a source delivers it: ingest adds `ingested_at` and `content_hash` and
 * recomputes `quality`.
 */
export type GeneratedRecord = Omit<AuthLogRecord, 'ingested_at' | 'content_hash'>;

/** Where attacks come from: addresses with a bad reputation in a few countries. */
const ATTACK_CITIES = CITIES.filter((c) =>
  ['RU', 'CN', 'NG', 'RO', 'UA', 'KP', 'BR'].includes(c.countryCode),
);
const TRAVEL_CITIES = CITIES.filter((c) => !['KP'].includes(c.countryCode));
const TRUSTED_ENDPOINT = ['trusted', 'not trusted', 'unknown'] as const;

/** Shares of the messy values real exports contain; small, but every run has some of each. */
const MESSY = {
  ipWithPort: 0.008,
  nullLocation: 0.015,
  emailUnknown: 0.007,
  emailMissing: 0.01,
};

/** A generated record with the burst it belongs to (null for normal traffic). */
export interface LabelledRecord {
  record: GeneratedRecord;
  burst: LabelledBurst | null;
}

/** A planned burst as tests see it: which customer, what kind, when, and which users it targets. */
export interface LabelledBurst {
  readonly customer: string;
  readonly kind: Burst['kind'];
  readonly start: number;
  readonly end: number;
  readonly targets: readonly string[];
}

/**
 * Streams `count` realistic records in time order. Deterministic: the same options (with an
 * explicit `end`) give the same records, and txids depend only on the seed and the position.
 */
export function* generateRecords(options: GenerateOptions): Generator<GeneratedRecord> {
  for (const { record } of generateLabelledRecords(options)) yield record;
}

/**
 * The records of `generateRecords`, each with the injected burst it belongs to: the answer key
 * detection is measured against. The same draws in the same order, so the records are identical.
 */
export function* generateLabelledRecords(options: GenerateOptions): Generator<LabelledRecord> {
  const days = options.days ?? 30;
  const end = (options.end ?? new Date()).getTime();
  const hours = Math.max(1, Math.round(days * 24));
  const start = end - hours * HOUR_MS;
  const root = new Random(options.seed);
  const populationRandom = root.fork('population');
  const burstRandom = root.fork('bursts');
  const ids = root.fork('txids');
  const random = root.fork('records');

  const populations: Population[] = customersFor(options.customers ?? 'default', options.customerPrefix).map(
    (customer) => buildPopulation(customer, populationRandom.fork(customer.id)),
  );
  const bursts = planBursts(
    burstRandom,
    populations.map((p) => ({ users: p.users.length })),
    start,
    end,
  );
  const slots = planHours(
    start,
    hours,
    populations.map((p) => ({ share: p.customer.share, utcOffset: p.utcOffset })),
    bursts,
  );
  const counts = hourCounts(slots, options.count);

  const labels = new Map<Burst, LabelledBurst>();
  const label = (burst: Burst, population: Population): LabelledBurst => {
    let labelled = labels.get(burst);
    if (!labelled) {
      labelled = {
        customer: population.customer.id,
        kind: burst.kind,
        start: burst.start,
        end: burst.end,
        targets: burst.targets.map((i) => population.users[i]!.name),
      };
      labels.set(burst, labelled);
    }
    return labelled;
  };

  let seq = 0;
  for (let h = 0; h < slots.length; h++) {
    const slot = slots[h]!;
    const n = counts[h]!;
    if (n === 0) continue;
    const draws: { t: number; customer: number; burst: Burst | null }[] = [];
    for (let i = 0; i < n; i++) {
      let target = random.next() * slot.weight;
      let source = slot.sources[slot.sources.length - 1]!;
      for (const s of slot.sources) {
        if (target < s.weight) {
          source = s;
          break;
        }
        target -= s.weight;
      }
      const from = source.burst ? Math.max(source.burst.start, slot.start) : slot.start;
      const to = source.burst ? Math.min(source.burst.end, slot.start + HOUR_MS) : slot.start + HOUR_MS;
      draws.push({
        t: Math.floor(from + random.next() * (to - from)),
        customer: source.customer,
        burst: source.burst,
      });
    }
    draws.sort((a, b) => a.t - b.t);
    for (const draw of draws) {
      seq += 1;
      const population = populations[draw.customer]!;
      yield {
        record: makeRecord(random, ids.uuid(), seq, draw.t, population, draw.burst),
        burst: draw.burst ? label(draw.burst, population) : null,
      };
    }
  }
}

function location(city: City | null) {
  if (!city) return { city: null, state: null, country: null, country_code: null, geo: null };
  return {
    city: city.city,
    state: city.state,
    country: city.country,
    country_code: city.countryCode,
    geo: { lat: city.lat, lon: city.lon },
  };
}

function withPort(random: Random, ip: string): string {
  const port = 1024 + random.int(64511);
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** One record of a customer at time t, normal traffic or part of a burst; draws from `random` only. */
export function makeRecord(
  random: Random,
  txid: string,
  seq: number,
  t: number,
  population: Population,
  burst: Burst | null,
): GeneratedRecord {
  const { customer, users, applications } = population;
  const user: User = burst ? users[random.pick(burst.targets)]! : random.pickSkewed(users, 1.3);
  const application = random.pickSkewed(applications, 1.4);
  const enrollment = !burst && random.chance(0.02);
  const outcome: Outcome | null = enrollment
    ? null
    : burst?.kind === 'fraud'
      ? fraudBurstOutcome(random, user)
      : burst?.kind === 'attack'
        ? attackOutcome(random, user)
        : normalOutcome(random, user);

  let city: City | null = user.home;
  let ip = user.ip;
  let reputation = { is_malicious: false, is_vpn: random.chance(0.03), is_tor: false };
  let travelling = false;
  if (burst) {
    city = random.pick(ATTACK_CITIES);
    ip = cityAddress(CITIES.indexOf(city), random, random.chance(0.15));
    const tor = random.chance(burst.kind === 'attack' ? 0.35 : 0.15);
    reputation = { is_malicious: random.chance(0.75) || tor, is_vpn: random.chance(0.4), is_tor: tor };
  } else if (random.chance(0.05)) {
    city = random.pick(TRAVEL_CITIES);
    travelling = true;
    ip = cityAddress(CITIES.indexOf(city), random, false);
    reputation.is_malicious = random.chance(0.004);
  }
  if (random.chance(MESSY.ipWithPort)) ip = withPort(random, ip);
  if (random.chance(MESSY.nullLocation)) city = null;

  const factor = outcome?.factor ?? null;
  const pushLike = factor === 'duo_push' || factor === 'phone_call' || factor === 'sms_passcode';
  const token = factor === 'hardware_token' || factor === 'u2f_token' || factor === 'webauthn';
  const email = random.chance(MESSY.emailUnknown)
    ? 'unknown'
    : random.chance(MESSY.emailMissing)
      ? null
      : user.email;
  const device = user.device;
  const result = outcome?.result ?? 'success';
  const risk = sourceRiskFor(
    {
      txid,
      result,
      enrollment,
      accessCountry: city?.countryCode ?? null,
      homeCountry: user.home.countryCode,
      travelling,
    },
    burst,
  );

  return {
    txid,
    seq,
    customer_id: customer.id,
    ts: new Date(t).toISOString(),
    event_type: enrollment ? 'enrollment' : 'authentication',
    result,
    reason: outcome?.reason ?? null,
    factor,
    user: { name: user.name, key: user.key, groups: user.groups },
    email,
    alias: random.chance(0.05) ? user.name.split('.')[0]! : null,
    application: {
      name: application.name,
      key: application.key,
      type: application.type,
      destination_name: destinationFor(application.type, txid),
    },
    access_device: {
      ip,
      ip_reputation: reputation,
      location: location(city),
      browser: device.browser,
      browser_version: device.browserVersion,
      os: device.os,
      os_version: device.osVersion,
      hostname: user.hostname,
      is_encryption_enabled: device.encryption,
      is_firewall_enabled: device.firewall,
      is_password_set: device.password,
    },
    auth_device: pushLike
      ? { name: user.phone, ip: user.phoneIp, location: location(user.home) }
      : {
          name: token ? `${factor} ${user.key.slice(2, 8)}` : null,
          ip: null,
          location: location(null),
        },
    trusted_endpoint_status: random.pick(TRUSTED_ENDPOINT),
    risk,
    quality: [],
  };
}
