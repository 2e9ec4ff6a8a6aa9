import { z } from 'zod';
import type { RatePolicy } from './limiter';

export const DEFAULT_TOKEN_POLICY: RatePolicy = { name: 'token', limit: 600, windowSeconds: 60 };
export const DEFAULT_FAILED_AUTH_POLICY: RatePolicy = { name: 'failed-auth', limit: 20, windowSeconds: 60 };

const positive = z.coerce.number().int().positive();

function read(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const parsed = positive.safeParse(raw);
  if (!parsed.success) throw new Error(`${name} must be a positive integer, got '${raw}'`);
  return parsed.data;
}

/**
 * SIGHTLINE_RATE_LIMIT requests per SIGHTLINE_RATE_WINDOW_S seconds per token (default 600 per 60);
 * SIGHTLINE_AUTH_FAILURE_LIMIT failed authentications per SIGHTLINE_AUTH_FAILURE_WINDOW_S seconds per
 * address (default 20 per 60), after which the address is refused until the window ends.
 */
export function ratePoliciesFromEnv(env: NodeJS.ProcessEnv = process.env) {
  return {
    perToken: {
      name: DEFAULT_TOKEN_POLICY.name,
      limit: read(env, 'SIGHTLINE_RATE_LIMIT', DEFAULT_TOKEN_POLICY.limit),
      windowSeconds: read(env, 'SIGHTLINE_RATE_WINDOW_S', DEFAULT_TOKEN_POLICY.windowSeconds),
    },
    failedAuth: {
      name: DEFAULT_FAILED_AUTH_POLICY.name,
      limit: read(env, 'SIGHTLINE_AUTH_FAILURE_LIMIT', DEFAULT_FAILED_AUTH_POLICY.limit),
      windowSeconds: read(env, 'SIGHTLINE_AUTH_FAILURE_WINDOW_S', DEFAULT_FAILED_AUTH_POLICY.windowSeconds),
    },
    /** Behind a load balancer: the client's address is the last X-Forwarded-For entry it added. */
    trustProxy: env.SIGHTLINE_TRUST_PROXY === '1' || env.SIGHTLINE_TRUST_PROXY === 'true',
  };
}
