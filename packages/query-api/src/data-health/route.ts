import type { Client } from '@elastic/elasticsearch';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { healthReader, type HealthReader } from '../pipeline/health';
import type { AppDeps, AppEnv } from '../server/env';
import { ApiError } from '../server/errors';
import { CUSTOMER_HEADER, requireTenant } from '../server/middleware/auth';
import { validate } from '../server/middleware/validate';
import { loadsRequest, parseLoads } from './loads';
import { healthRange, healthRangeQuerySchema, loadsQuerySchema, versionsQuerySchema } from './params';
import { parseQuality, qualityRequest } from './quality';
import { readSources, sourcesHealth } from './sources';
import type {
  DataHealthLoads,
  DataHealthQuality,
  DataHealthSources,
  DataHealthVersions,
} from '@sightline/schema/api-schemas';
import { readVersions } from './versions';

/** Health changes by the minute; no cache between the API and whoever watches it may keep it. */
const NO_STORE = { 'Cache-Control': 'no-store' };

const adminOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get('principal').admin) throw new ApiError(403, 'forbidden', 'the data health is for admin tokens');
  await next();
});

/**
 * Like the other admin routes: an admin naming a customer (a checked id) reads that customer's
 * per-customer figures beside the pipeline's; naming none, every customer's.
 */
const customerOrEveryone = createMiddleware<AppEnv>(async (c, next) => {
  const named = c.req.query('customer') ?? c.req.header(CUSTOMER_HEADER);
  if (named === undefined && c.get('principal').customer === null) return next();
  return requireTenant()(c, next);
});
const tenantOf = (c: { get(key: 'tenant'): string }) => (c.get('tenant') as string | undefined) ?? null;

export interface DataHealthOptions {
  es: Client;
  health: HealthReader;
  now?: () => Date;
}

/**
 * GET /data-health/loads, /sources, /quality and /versions (admin tokens): the load log over time,
 * each source's freshness and lag, the quality checks with their history, and the versions of each
 * period with their fingerprints and differences. Each reads what its own module keeps.
 */
export function dataHealthRoutes({ es, health, now = () => new Date() }: DataHealthOptions) {
  return new Hono<AppEnv>()
    .use('/data-health/*', adminOnly)
    .get('/data-health/loads', validate('query', loadsQuerySchema), customerOrEveryone, async (c) => {
      const query = c.req.valid('query');
      const range = healthRange(query, now());
      const loads: DataHealthLoads = parseLoads(await es.search(loadsRequest(range, query.stream)), range);
      return c.json(loads, 200, NO_STORE);
    })
    .get('/data-health/sources', validate('query', healthRangeQuerySchema), customerOrEveryone, async (c) => {
      const at = now();
      const range = healthRange(c.req.valid('query'), at);
      const [streams, pipeline, freshness] = await Promise.all([
        readSources(es, range, at),
        health.pipeline(),
        health.freshness(tenantOf(c)),
      ]);
      const sources: DataHealthSources = sourcesHealth(streams, pipeline, freshness, at);
      return c.json(sources, 200, NO_STORE);
    })
    .get('/data-health/quality', validate('query', healthRangeQuerySchema), customerOrEveryone, async (c) => {
      const range = healthRange(c.req.valid('query'), now());
      const quality: DataHealthQuality = parseQuality(
        await es.search(qualityRequest(range, tenantOf(c))),
        range,
      );
      return c.json(quality, 200, NO_STORE);
    })
    .get('/data-health/versions', validate('query', versionsQuerySchema), customerOrEveryone, async (c) => {
      const query = c.req.valid('query');
      const versions: DataHealthVersions = await readVersions(es, healthRange(query, now()), query.period);
      return c.json(versions, 200, NO_STORE);
    });
}

/** For createApp's `extend`: mounts the data-health routes on the authenticated /api app. */
export function mountDataHealth(es: Client) {
  return (api: Hono<AppEnv>, deps: AppDeps) => {
    const health = healthReader({
      es: deps.es,
      ...(deps.pipeline ? { pipeline: deps.pipeline } : {}),
      ...(deps.now ? { now: deps.now } : {}),
    });
    api.route('/', dataHealthRoutes({ es, health, ...(deps.now ? { now: deps.now } : {}) }));
  };
}
