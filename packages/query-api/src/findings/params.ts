import { z } from 'zod';
import { decodeFindingCursor } from './sort';
import {
  DEFAULT_FINDING_SORT,
  FINDING_SORTS,
  FINDING_STATUSES,
  FINDING_TYPES,
  SETTABLE_STATUSES,
  SEVERITIES,
} from '@sightline/schema/api';
import { customerParam } from '../server/query-params';

/** Findings per page: enough for a screen, small enough to answer at once. */
export const MAX_FINDINGS_PAGE = 200;
export const DEFAULT_FINDINGS_PAGE = 50;

/** `a,b,c` as a list of the allowed values. */
const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((raw) => raw.split(',').map((v) => v.trim()))
    .pipe(z.array(z.enum(values)).min(1));

const isoTime = z.iso.datetime({ offset: true });

const cursor = z
  .string()
  .max(1024)
  .transform((raw, ctx) => {
    const decoded = decodeFindingCursor(raw);
    if (decoded) return decoded;
    ctx.addIssue({ code: 'custom', message: 'not a findings page cursor' });
    return z.NEVER;
  });

const sort = z.string().transform((raw, ctx) => {
  const known = FINDING_SORTS.find((s) => s === raw);
  if (known) return known;
  ctx.addIssue({
    code: 'custom',
    message: `unknown sort "${raw.slice(0, 60)}": one of ${FINDING_SORTS.join(', ')}`,
  });
  return z.NEVER;
});

/**
 * GET /api/findings: `type` and `status` (comma-separated), `severity` (the minimum), `user`, `from`
 * and `to` (the finding's evidence overlaps them), `pageSize`, `cursor` (the previous page's
 * `nextCursor`); `customer` is the tenant, resolved by requireTenant. Without `status`, every status
 * but `muted`.
 */
export const findingListQuerySchema = z
  .strictObject({
    type: listOf(FINDING_TYPES).optional(),
    status: listOf(FINDING_STATUSES).optional(),
    severity: z.enum(SEVERITIES).optional(),
    user: z.string().min(1).max(256).optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    sort: sort.default(DEFAULT_FINDING_SORT),
    pageSize: z.coerce.number().int().min(1).max(MAX_FINDINGS_PAGE).default(DEFAULT_FINDINGS_PAGE),
    cursor: cursor.optional(),
    customer: customerParam,
  })
  .refine((q) => !(q.from && q.to) || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['to'],
  })
  .refine((q) => !q.cursor || q.cursor.sort === q.sort, {
    message: 'the cursor belongs to another sort: start again from the first page',
    path: ['cursor'],
  });

export type FindingListQuery = z.output<typeof findingListQuerySchema>;

/** Finding ids are hex digests (detection/finding-id.ts). */
export const findingIdSchema = z.strictObject({ id: z.string().regex(/^[0-9a-f]{32}$/, 'not a finding id') });

/**
 * POST /api/findings/{id}/status: the new status, and `mute: true` to mute the finding's type for its
 * user (only with `dismissed`: muting is dismissing the pattern) or `mute: false` to lift that mute.
 */
export const findingStatusBodySchema = z
  .strictObject({
    status: z.enum(SETTABLE_STATUSES),
    mute: z
      .boolean()
      .optional()
      .describe(
        'true (with status dismissed) mutes the finding’s type for its user: new findings of that type for that user are stored as muted and left out of the list unless asked for; false lifts the mute',
      ),
    note: z.string().max(1000).optional(),
  })
  .refine((b) => b.mute !== true || b.status === 'dismissed', {
    message: 'only a dismissed finding can be muted',
    path: ['mute'],
  });

export type FindingStatusBody = z.output<typeof findingStatusBodySchema>;
