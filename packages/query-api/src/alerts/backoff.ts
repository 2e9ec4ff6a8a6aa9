/** How the deliverer sends: per attempt, between attempts, and when it gives up. */
export interface DeliveryPolicy {
  /** The wait after the first failed attempt, doubled after each further one. */
  baseDelayMs: number;
  /** The longest wait between two attempts. */
  maxDelayMs: number;
  /** Attempts in all, the first included; after the last failure the delivery is failed. */
  maxAttempts: number;
  /** How long one attempt may take, connection to the end of the response headers. */
  timeoutMs: number;
}

/**
 * 10 s, 20 s, 40 s … capped at an hour, twelve attempts: a receiver that is down for about three hours
 * (a deploy gone wrong, a night's maintenance) still gets every finding.
 */
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  baseDelayMs: 10_000,
  maxDelayMs: 3_600_000,
  maxAttempts: 12,
  timeoutMs: 10_000,
};

/**
 * The wait before the next attempt after `failed` failed attempts (1 or more): exponential, capped,
 * with "equal jitter" (between half and all of it, `random` in [0, 1)) so the retries of many
 * deliveries to a receiver that just came back do not arrive together, yet never come too soon.
 */
export function retryDelayMs(failed: number, policy: DeliveryPolicy, random: number = Math.random()): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failed - 1));
  return Math.round(ceiling * (0.5 + random / 2));
}
