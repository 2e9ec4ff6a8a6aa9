import { z } from 'zod';
import { DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE } from '@sightline/schema/api';
import { customerParam } from '../server/query-params';

/** Entries per page of the findings audit, as for the export audit. */
export const MAX_FINDING_AUDIT_PAGE = MAX_AUDIT_PAGE;
export const DEFAULT_FINDING_AUDIT_PAGE = DEFAULT_AUDIT_PAGE;

const isoTime = z.iso.datetime({ offset: true });

const after = z
  .string()
  .min(1)
  .max(512)
  .transform((raw, ctx) => {
    try {
      return z
        .tuple([z.number().int(), z.string()])
        .parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a findings audit page cursor' });
      return z.NEVER;
    }
  });

/**
 * GET /api/findings/audit (admin tokens), shaped like GET /api/exports/audit: `limit` and `after` (the
 * previous page's `next`), `customer` narrowing to one customer; and `from`, `to` (when the change was
 * made), `token` (who made it: the token's name), `user` (whom the finding is about), `finding` (its id).
 */
export const findingAuditQuerySchema = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(MAX_FINDING_AUDIT_PAGE).default(DEFAULT_FINDING_AUDIT_PAGE),
    after: after.optional(),
    customer: customerParam,
    from: isoTime.optional(),
    to: isoTime.optional(),
    token: z.string().min(1).max(256).optional(),
    user: z.string().min(1).max(256).optional(),
    finding: z
      .string()
      .regex(/^[0-9a-f]{32}$/, 'not a finding id')
      .optional(),
  })
  .refine((q) => !(q.from && q.to) || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['to'],
  });

export type FindingAuditQuery = z.output<typeof findingAuditQuerySchema>;
