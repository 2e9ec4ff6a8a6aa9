import { describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_LIMITS, httpLimitsFromEnv } from './http-limits';

describe('HTTP server limits from the environment', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(httpLimitsFromEnv({})).toEqual(DEFAULT_HTTP_LIMITS);
    expect(DEFAULT_HTTP_LIMITS).toMatchObject({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      idleTimeoutMs: 120_000,
      maxConnections: 1_000,
    });
  });

  it('takes each limit from its variable', () => {
    expect(
      httpLimitsFromEnv({ SIGHTLINE_HEADERS_TIMEOUT_MS: '5000', SIGHTLINE_MAX_CONNECTIONS: '50' }),
    ).toMatchObject({ headersTimeoutMs: 5000, maxConnections: 50, requestTimeoutMs: 30_000 });
  });

  it('names the variable holding a value it cannot use', () => {
    expect(() => httpLimitsFromEnv({ SIGHTLINE_IDLE_TIMEOUT_MS: 'soon' })).toThrow(
      "SIGHTLINE_IDLE_TIMEOUT_MS must be a positive integer, got 'soon'",
    );
    expect(() => httpLimitsFromEnv({ SIGHTLINE_MAX_CONNECTIONS: '0' })).toThrow('SIGHTLINE_MAX_CONNECTIONS');
    expect(() => httpLimitsFromEnv({ SIGHTLINE_HEADERS_TIMEOUT_MS: '60000' })).toThrow('may not exceed');
  });
});
