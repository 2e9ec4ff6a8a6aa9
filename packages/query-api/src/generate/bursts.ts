import type { Random } from './random';

/** A time-localised incident for one customer: push-fatigue fraud or an attack from bad addresses. */
export interface Burst {
  readonly customer: number;
  readonly kind: 'fraud' | 'attack';
  readonly start: number;
  readonly end: number;
  /** Extra traffic during the burst, as a multiple of the customer's average hourly volume. */
  readonly intensity: number;
  /** Indices into the customer's users: the handful of accounts targeted. */
  readonly targets: number[];
}

const HOUR = 3_600_000;

/** About one fraud burst per ten days and one attack per week per customer, each one to six hours long. */
export function planBursts(
  random: Random,
  customers: readonly { users: number }[],
  start: number,
  end: number,
): Burst[] {
  const days = (end - start) / (24 * HOUR);
  const bursts: Burst[] = [];
  customers.forEach((customer, index) => {
    const plan: [Burst['kind'], number][] = [
      ['fraud', Math.max(1, Math.round(days / 10))],
      ['attack', Math.max(1, Math.round(days / 7))],
    ];
    for (const [kind, n] of plan) {
      for (let i = 0; i < n; i++) {
        const duration = Math.round(random.between(1, 6) * HOUR);
        const from = start + random.next() * Math.max(0, end - start - duration);
        const targetCount = Math.min(
          customer.users,
          kind === 'fraud' ? 1 + random.int(4) : 5 + random.int(20),
        );
        bursts.push({
          customer: index,
          kind,
          start: from,
          end: Math.min(end, from + duration),
          intensity: kind === 'fraud' ? random.between(0.6, 1.5) : random.between(1.5, 4),
          targets: Array.from({ length: targetCount }, () => random.int(customer.users)),
        });
      }
    }
  });
  return bursts;
}
