import type { Client } from '@elastic/elasticsearch';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../server/env';
import { ApiError } from '../server/errors';
import { requireTenant } from '../server/middleware/auth';
import { validate } from '../server/middleware/validate';
import { newViewSchema, viewIdSchema, viewListQuerySchema } from './params';
import { DuplicateViewError, EsViewStore, TooManyViewsError } from './store';
import type { SavedView, SavedViewList } from '@sightline/schema/api';

const notFound = (id: string) => new ApiError(404, 'not_found', `no saved view ${id}`);

/**
 * GET /views, POST /views and DELETE /views/{id}. Scoped like every route: a customer token reads and
 * writes its own customer's views, an admin token names the customer; another customer's view is a
 * 404, as if it did not exist.
 */
export function viewRoutes(store: EsViewStore, now: () => Date = () => new Date()) {
  return new Hono<AppEnv>()
    .get('/views', requireTenant(), validate('query', viewListQuerySchema), async (c) => {
      const views = await store.list(c.get('tenant'));
      return c.json({ views, limit: store.limit } satisfies SavedViewList);
    })
    .post('/views', requireTenant(), validate('json', newViewSchema), async (c) => {
      const body = c.req.valid('json');
      try {
        const view = await store.create(c.get('tenant'), {
          ...body,
          owner: c.get('principal').name,
          at: now().toISOString(),
        });
        return c.json(view satisfies SavedView, 201);
      } catch (error) {
        if (error instanceof DuplicateViewError || error instanceof TooManyViewsError)
          throw new ApiError(409, 'conflict', error.message);
        throw error;
      }
    })
    .delete('/views/:id', requireTenant(), validate('param', viewIdSchema), async (c) => {
      const { id } = c.req.valid('param');
      const deleted = await store.delete(c.get('tenant'), id);
      if (!deleted) throw notFound(id);
      return c.json(deleted satisfies SavedView);
    });
}

/** For createApp's `extend`: mounts the saved-view routes on the authenticated /api app. */
export function mountViews(es: Client, store: EsViewStore = new EsViewStore(es)) {
  return (api: Hono<AppEnv>, deps: AppDeps) => {
    api.route('/', viewRoutes(store, deps.now));
  };
}
