import type { Client } from '@elastic/elasticsearch';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../server/env';
import { ApiError } from '../server/errors';
import { validate } from '../server/middleware/validate';
import { listFindingAudit } from './audit';
import { findingAuditQuerySchema } from './audit-params';
import type { FindingAuditPage } from '@sightline/schema/api';
import type { EsFindingStore } from './store';

const adminOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get('principal').admin)
    throw new ApiError(403, 'forbidden', 'the findings audit is for admin tokens');
  await next();
});

/**
 * GET /findings/audit: who changed which finding's status when, from what to what, and the mutes,
 * newest first, for admin tokens, as GET /exports/audit lists exports: `customer` narrows to one
 * customer, without it every customer's changes are listed.
 */
export function findingAuditRoutes(es: Client, store: EsFindingStore) {
  return new Hono<AppEnv>().get(
    '/findings/audit',
    adminOnly,
    validate('query', findingAuditQuerySchema),
    async (c) => {
      await store.ensureIndices();
      const page: FindingAuditPage = await listFindingAudit(es, store.indices.audit, c.req.valid('query'));
      return c.json(page);
    },
  );
}
