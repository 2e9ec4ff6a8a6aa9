import type { Server, ServerOptions } from 'node:http';
import { z } from 'zod';

/** How long and how many connections the Node HTTP server gives its clients. */
export interface HttpLimits {
  /** A client must have sent its whole request head within this (slow-header clients are cut off). */
  headersTimeoutMs: number;
  /** …and its whole request, body included, within this. Responses (a long export) are not limited. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** A connection on which nothing moves either way (a client that stopped reading) is closed after this. */
  idleTimeoutMs: number;
  /** Connections beyond this many are refused (closed at once). */
  maxConnections: number;
  /** How often the server looks for requests past their header or request timeout. */
  checkIntervalMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 120_000,
  maxConnections: 1_000,
  checkIntervalMs: 1_000,
};

/** The environment variable each limit is read from. */
export const HTTP_LIMIT_ENV: Record<keyof HttpLimits, string> = {
  headersTimeoutMs: 'SIGHTLINE_HEADERS_TIMEOUT_MS',
  requestTimeoutMs: 'SIGHTLINE_REQUEST_TIMEOUT_MS',
  keepAliveTimeoutMs: 'SIGHTLINE_KEEP_ALIVE_TIMEOUT_MS',
  idleTimeoutMs: 'SIGHTLINE_IDLE_TIMEOUT_MS',
  maxConnections: 'SIGHTLINE_MAX_CONNECTIONS',
  checkIntervalMs: 'SIGHTLINE_CONNECTION_CHECK_MS',
};

const positive = z.coerce.number().int().positive();

/** The limits, each from its environment variable when set; a malformed value is an error naming it. */
export function httpLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): HttpLimits {
  const limits = { ...DEFAULT_HTTP_LIMITS };
  for (const key of Object.keys(HTTP_LIMIT_ENV) as (keyof HttpLimits)[]) {
    const name = HTTP_LIMIT_ENV[key];
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const parsed = positive.safeParse(raw);
    if (!parsed.success) throw new Error(`${name} must be a positive integer, got '${raw}'`);
    limits[key] = parsed.data;
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs)
    throw new Error(
      `${HTTP_LIMIT_ENV.headersTimeoutMs} (${limits.headersTimeoutMs}) may not exceed ${HTTP_LIMIT_ENV.requestTimeoutMs} (${limits.requestTimeoutMs})`,
    );
  return limits;
}

/** What node:http takes when the server is created (the check interval cannot be changed later). */
export function httpServerOptions(limits: HttpLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.checkIntervalMs,
  };
}

/** What node:http takes on the created server. */
export function applyHttpLimits(server: Server, limits: HttpLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  // Without a 'timeout' listener, node:http destroys a socket idle this long.
  server.timeout = limits.idleTimeoutMs;
}
