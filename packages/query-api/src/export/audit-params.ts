import { z } from 'zod';
import { DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE } from '@sightline/schema/api';
import { customerParam } from '../server/query-params';

/** GET /api/exports/audit's query. */
export const auditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(DEFAULT_AUDIT_PAGE),
  after: z.string().min(1).max(512).optional(),
  customer: customerParam,
});
