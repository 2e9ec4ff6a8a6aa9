import type { Client } from '@elastic/elasticsearch';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../server/env';
import { ApiError } from '../server/errors';
import { requireTenant } from '../server/middleware/auth';
import { validate } from '../server/middleware/validate';
import { findingAuditRoutes } from './audit-route';
import { findingIdSchema, findingListQuerySchema, findingStatusBodySchema } from './params';
import { EsFindingStore, MuteWithoutUserError } from './store';
import type { FindingPage, FindingStatusResult, StoredFinding } from '@sightline/schema/api';

const notFound = (id: string) => new ApiError(404, 'not_found', `no finding ${id}`);

/** Told of each stored status change before the answer (the webhook outbox records it). */
export type StatusChangeListener = (finding: StoredFinding) => Promise<void>;

/**
 * GET /findings and POST /findings/{id}/status. Scoped like every route: a customer token sees its own
 * customer's findings, an admin token names one; another customer's finding is a 404, as if it did
 * not exist.
 */
export function findingRoutes(
  store: EsFindingStore,
  now: () => Date = () => new Date(),
  onStatusChanged?: StatusChangeListener,
) {
  return new Hono<AppEnv>()
    .get('/findings', requireTenant(), validate('query', findingListQuerySchema), async (c) => {
      const page: FindingPage = await store.list(c.get('tenant'), c.req.valid('query'));
      return c.json(page);
    })
    .post(
      '/findings/:id/status',
      requireTenant(),
      validate('param', findingIdSchema),
      validate('json', findingStatusBodySchema),
      async (c) => {
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        let changed;
        try {
          changed = await store.setStatus({
            customer: c.get('tenant'),
            id,
            status: body.status,
            mute: body.mute,
            note: body.note,
            token: c.get('principal').name,
            at: now().toISOString(),
          });
        } catch (error) {
          if (error instanceof MuteWithoutUserError)
            throw new ApiError(400, 'invalid_request', error.message);
          throw error;
        }
        if (!changed) throw notFound(id);
        await onStatusChanged?.(changed.finding);
        return c.json(changed satisfies FindingStatusResult);
      },
    );
}

/** For createApp's `extend`: mounts the findings routes on the authenticated /api app. */
export function mountFindings(
  es: Client,
  store: EsFindingStore = new EsFindingStore(es),
  onStatusChanged?: StatusChangeListener,
) {
  return (api: Hono<AppEnv>, deps: AppDeps) => {
    api.route('/', findingAuditRoutes(es, store));
    api.route('/', findingRoutes(store, deps.now, onStatusChanged));
  };
}
