import type { Burst } from './bursts';
import { customersFor, type CustomerPreset } from './customers';
import { buildPopulation, type Population } from './population';
import { Random } from './random';
import { makeRecord, type GeneratedRecord } from './records';
import { diurnal, HOUR_MS, weekly } from './timeline';

export interface LiveOptions {
  seed: string | number;
  /** Mean attempts per second over a weekday, all customers together. */
  ratePerSecond: number;
  /** When this writer started: with the seed, it makes txids unique across restarts. */
  startedAt: Date;
  customers?: CustomerPreset;
  customerPrefix?: string;
  /** Mean time between bursts, all customers together (default 20 minutes). */
  burstEveryMs?: number;
  /**
   * The weekday mean at every hour instead of a rate shaped by the local hour and weekday: for a
   * benchmark, which must load the system alike whenever it runs (at night the shaped rate is a
   * fifth of the mean).
   */
  steady?: boolean;
}

const MEAN_DIURNAL = (() => {
  let sum = 0;
  for (let m = 0; m < 24 * 60; m++) sum += diurnal(m / 60);
  return sum / (24 * 60);
})();

/**
 * New login attempts as they happen: the same customers, users, devices, outcomes and bursts as the
 * generated history (same seed, same populations), at a rate shaped by each customer's local hour
 * and weekday, with now and then a fraud or attack burst of a few minutes. Deterministic given the
 * seed, the start time and the intervals asked for; only the wall clock varies between runs.
 */
export class LiveGenerator {
  private readonly populations: Population[];
  private readonly random: Random;
  private readonly bursts: Random;
  private readonly ids: Random;
  private readonly active: Burst[] = [];
  private seq = 0;

  constructor(private readonly options: LiveOptions) {
    const root = new Random(options.seed);
    // Forked in the order generateRecords forks them, so the populations are the history's own.
    const populationRandom = root.fork('population');
    this.populations = customersFor(options.customers ?? 'default', options.customerPrefix).map((customer) =>
      buildPopulation(customer, populationRandom.fork(customer.id)),
    );
    const live = new Random(`${String(options.seed)}:live:${options.startedAt.toISOString()}`);
    this.random = live.fork('records');
    this.bursts = live.fork('bursts');
    this.ids = live.fork('txids');
  }

  /** Bursts running at `at`, for a status line. */
  burstsAt(at: number): readonly Burst[] {
    return this.active.filter((b) => b.start <= at && at < b.end);
  }

  /** The attempts that happened in [from, to), in time order. */
  between(from: number, to: number): GeneratedRecord[] {
    if (to <= from) return [];
    this.planBursts(from, to);
    const draws: { t: number; customer: number; burst: Burst | null }[] = [];
    const seconds = (to - from) / 1000;
    this.populations.forEach((population, customer) => {
      const local = new Date(from + population.utcOffset * HOUR_MS);
      const shape = this.options.steady
        ? 1
        : (diurnal(local.getUTCHours() + local.getUTCMinutes() / 60) * weekly(local.getUTCDay())) /
          MEAN_DIURNAL;
      const n = this.poisson(this.options.ratePerSecond * population.customer.share * shape * seconds);
      for (let i = 0; i < n; i++)
        draws.push({ t: from + this.random.next() * (to - from), customer, burst: null });
    });
    for (const burst of this.active) {
      const start = Math.max(from, burst.start);
      const end = Math.min(to, burst.end);
      if (end <= start) continue;
      const n = this.poisson(burst.intensity * ((end - start) / 1000));
      for (let i = 0; i < n; i++) {
        draws.push({ t: start + this.random.next() * (end - start), customer: burst.customer, burst });
      }
    }
    draws.sort((a, b) => a.t - b.t);
    return draws.map((draw) => {
      this.seq += 1;
      const population = this.populations[draw.customer]!;
      return makeRecord(this.random, this.ids.uuid(), this.seq, Math.floor(draw.t), population, draw.burst);
    });
  }

  private planBursts(from: number, to: number): void {
    for (let i = this.active.length - 1; i >= 0; i--)
      if (this.active[i]!.end <= from) this.active.splice(i, 1);
    const every = this.options.burstEveryMs ?? 20 * 60_000;
    if (!this.bursts.chance(Math.min(1, (to - from) / every))) return;
    const customer = this.bursts.int(this.populations.length);
    const users = this.populations[customer]!.users.length;
    const kind = this.bursts.chance(0.4) ? 'fraud' : 'attack';
    const start = from + this.bursts.next() * (to - from);
    this.active.push({
      customer,
      kind,
      start,
      end: start + this.bursts.between(2, 10) * 60_000,
      // Extra attempts per second while it lasts: a spike that shows on the live charts.
      intensity: kind === 'fraud' ? this.bursts.between(0.2, 0.8) : this.bursts.between(1, 4),
      targets: Array.from(
        { length: Math.min(users, kind === 'fraud' ? 1 + this.bursts.int(4) : 5 + this.bursts.int(20)) },
        () => this.bursts.int(users),
      ),
    });
  }

  /** Poisson-distributed count (Knuth's method; the means here are small). */
  private poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.gaussian()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.random.next();
    while (p > limit) {
      k += 1;
      p *= this.random.next();
    }
    return k;
  }

  private gaussian(): number {
    const u = 1 - this.random.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.random.next());
  }
}
