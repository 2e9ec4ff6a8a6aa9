import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { healthReader, prometheusText, PROMETHEUS_CONTENT_TYPE } from '../../pipeline/health';
import type { AppDeps, AppEnv } from '../env';
import { ApiError } from '../errors';
import { CUSTOMER_HEADER, requireTenant } from '../middleware/auth';
import { validate } from '../middleware/validate';
import { customerParam } from '../query-params';

const freshnessQuery = z.strictObject({ customer: customerParam });
/** The pipeline spans every customer; a client configured with one may still send it. */
export const pipelineQuery = z.strictObject({ customer: customerParam });
/** Health changes by the second; no cache between the API and whoever watches it may keep it. */
const NO_STORE = { 'Cache-Control': 'no-store' };

const adminOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get('principal').admin)
    throw new ApiError(403, 'forbidden', 'the pipeline health is for admin tokens');
  await next();
});

/** An admin naming no customer gets every customer's figures; everyone else gets one customer's. */
const customerOrEveryone = createMiddleware<AppEnv>(async (c, next) => {
  const principal = c.get('principal');
  const named = c.req.query('customer') ?? c.req.header(CUSTOMER_HEADER);
  if (principal.admin && principal.customer === null && named === undefined) return next();
  return requireTenant()(c, next);
});

/**
 * GET /freshness (any token): how recent the caller's stored data is and how much the pipeline has
 * yet to store. GET /pipeline and /pipeline/metrics (admin tokens): the health of every part.
 */
export function pipelineRoutes(deps: AppDeps) {
  const health = healthReader({
    es: deps.es,
    ...(deps.pipeline ? { pipeline: deps.pipeline } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });
  return new Hono<AppEnv>()
    .get('/freshness', validate('query', freshnessQuery), customerOrEveryone, async (c) => {
      const tenant = c.get('tenant') as string | undefined;
      return c.json(await health.freshness(tenant ?? null), 200, NO_STORE);
    })
    .get('/pipeline', adminOnly, validate('query', pipelineQuery), async (c) =>
      c.json(await health.pipeline(), 200, NO_STORE),
    )
    .get('/pipeline/metrics', adminOnly, validate('query', pipelineQuery), async (c) =>
      c.body(prometheusText(await health.pipeline()), 200, {
        ...NO_STORE,
        'Content-Type': PROMETHEUS_CONTENT_TYPE,
      }),
    );
}
