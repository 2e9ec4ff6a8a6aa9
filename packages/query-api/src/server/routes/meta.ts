import { Hono } from 'hono';
import { fieldCatalog } from '@sightline/schema';
import type { AppDeps, AppEnv } from '../env';
import { RETRY_AFTER_SECONDS } from '../errors';

/** GET /health: unauthenticated, for load balancers; 503 while Elasticsearch cannot be reached. */
export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    try {
      const health = await deps.es.cluster.health({ timeout: '2s' }, { signal: AbortSignal.timeout(3000) });
      return c.json({ status: 'ok' as const, elasticsearch: health.status });
    } catch {
      return c.json({ status: 'unavailable' as const, elasticsearch: 'unreachable' }, 503, {
        'Retry-After': String(RETRY_AFTER_SECONDS),
      });
    }
  });
}

/** GET /fields: what each field allows, for building filters, columns and group-bys. */
export function fieldRoutes() {
  return new Hono<AppEnv>().get('/', (c) => c.json({ fields: fieldCatalog() }));
}
