import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import type { RatePolicy, RateState, SharedRateLimiter } from '../rate-limit/limiter';

/** The API's limits: per token on every authenticated request, per address on failed authentication. */
export interface RateLimits {
  limiter: SharedRateLimiter;
  perToken: RatePolicy;
  failedAuth: RatePolicy;
  /** Use the last X-Forwarded-For entry (set by the load balancer) as the client's address. */
  trustProxy?: boolean;
}

/** The client's address: the socket's peer, or what the trusted load balancer says it saw. */
export function clientAddress(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket.remoteAddress ?? 'unknown';
}

/** The IETF draft's structured headers (draft-ietf-httpapi-ratelimit-headers). */
export function rateLimitHeaders(state: RateState): Record<string, string> {
  const { name, limit, windowSeconds } = state.policy;
  return {
    'RateLimit-Policy': `"${name}";q=${limit};w=${windowSeconds}`,
    RateLimit: `"${name}";r=${state.remaining};t=${state.resetSeconds}`,
  };
}

function tooMany(state: RateState, message: string): ApiError {
  return new ApiError(429, 'rate_limited', `${message}; retry in ${state.resetSeconds}s`, {
    headers: { ...rateLimitHeaders(state), 'Retry-After': String(state.resetSeconds) },
  });
}

/**
 * Refuses an address that failed authentication too often in the current window, before its token
 * is even looked at, and counts each 401 it gets.
 */
export function throttleFailedAuth(limits: RateLimits | undefined) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!limits) return next();
    const key = `failed-auth:${clientAddress(c, limits.trustProxy)}`;
    const state = limits.limiter.peek(key, limits.failedAuth);
    if (state.count >= limits.failedAuth.limit)
      throw tooMany(state, 'too many failed authentications from this address');
    await next();
    if (c.res.status === 401) limits.limiter.hit(key, limits.failedAuth, { countRefused: true });
  });
}

/** Counts `weight` requests against the token's limit and says where it stands; throws 429 past the limit. */
export function chargeTokenRate(c: Context<AppEnv>, limits: RateLimits | undefined, weight = 1): void {
  if (!limits || weight <= 0) return;
  const state = limits.limiter.hit(`token:${c.get('principal').name}`, limits.perToken, { weight });
  if (state.exceeded) throw tooMany(state, 'this token has made too many requests');
  for (const [name, value] of Object.entries(rateLimitHeaders(state))) c.header(name, value);
}

/** Counts the request against its token's limit and says where it stands, refusing it past the limit. */
export function limitTokenRate(limits: RateLimits | undefined) {
  return createMiddleware<AppEnv>(async (c, next) => {
    chargeTokenRate(c, limits);
    await next();
  });
}
