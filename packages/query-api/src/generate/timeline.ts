import type { Burst } from './bursts';

export const HOUR_MS = 3_600_000;

/** Relative activity by local hour: quiet nights, a morning peak and an afternoon peak. */
export function diurnal(localHour: number): number {
  const bump = (centre: number, width: number) => Math.exp(-(((localHour - centre) / width) ** 2));
  return 0.08 + 1.0 * bump(9.5, 2.2) + 0.85 * bump(14.5, 2.5) + 0.15 * bump(20, 2);
}

/** Relative activity by local weekday (0 = Sunday): weekends are much quieter. */
export function weekly(localDay: number): number {
  return localDay === 0 ? 0.22 : localDay === 6 ? 0.3 : localDay === 1 ? 1.05 : localDay === 5 ? 0.9 : 1;
}

/** One hour of the generated period: who is active and how much (normal traffic and bursts). */
export interface HourSlot {
  readonly start: number;
  /** Sources in this hour: a customer's normal traffic (burst = null) or one of its bursts. */
  readonly sources: { customer: number; burst: Burst | null; weight: number }[];
  readonly weight: number;
}

/** The weighted hours of the period, so counts follow the daily and weekly cycles and the bursts. */
export function planHours(
  start: number,
  hours: number,
  customers: readonly { share: number; utcOffset: number }[],
  bursts: readonly Burst[],
): HourSlot[] {
  const averages = customers.map((customer) => {
    let sum = 0;
    for (let h = 0; h < hours; h++) sum += activity(start + h * HOUR_MS, customer.utcOffset);
    return (customer.share * sum) / hours;
  });
  const slots: HourSlot[] = [];
  for (let h = 0; h < hours; h++) {
    const from = start + h * HOUR_MS;
    const sources: HourSlot['sources'] = customers.map((customer, index) => ({
      customer: index,
      burst: null,
      weight: customer.share * activity(from, customer.utcOffset),
    }));
    for (const burst of bursts) {
      const overlap = Math.min(burst.end, from + HOUR_MS) - Math.max(burst.start, from);
      if (overlap <= 0) continue;
      sources.push({
        customer: burst.customer,
        burst,
        weight: (averages[burst.customer] ?? 0) * burst.intensity * (overlap / HOUR_MS),
      });
    }
    slots.push({ start: from, sources, weight: sources.reduce((sum, s) => sum + s.weight, 0) });
  }
  return slots;
}

function activity(utcMs: number, utcOffset: number): number {
  const local = new Date(utcMs + utcOffset * HOUR_MS);
  return diurnal(local.getUTCHours() + local.getUTCMinutes() / 60) * weekly(local.getUTCDay());
}

/** Splits `count` over the hours in proportion to their weight, exactly and without randomness. */
export function hourCounts(slots: readonly HourSlot[], count: number): number[] {
  const total = slots.reduce((sum, s) => sum + s.weight, 0);
  const counts: number[] = [];
  let cumulative = 0;
  let assigned = 0;
  for (const slot of slots) {
    cumulative += slot.weight;
    const upTo = Math.round((count * cumulative) / total);
    counts.push(upTo - assigned);
    assigned = upTo;
  }
  return counts;
}
