import { z } from 'zod';
import { RELATIVE_PATTERN, relativeSpanMs } from '@sightline/schema/reports';
import { parsePeriod } from '../versions/names';
import { DEFAULT_HEALTH_RANGE, MAX_HEALTH_RANGE_DAYS } from '@sightline/schema/api';
import { customerParam } from '../server/query-params';

const DAY_MS = 86_400_000;
const MAX_RANGE_MS = MAX_HEALTH_RANGE_DAYS * DAY_MS;
const isoDateTime = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time with offset' });

/**
 * The query of every data-health route: a range (`last`, or `from` and `to`) of at most
 * MAX_HEALTH_RANGE_DAYS, and the customer an admin reads (checked by requireTenant).
 */
const rangeFields = {
  last: z
    .string()
    .regex(RELATIVE_PATTERN, { message: "expected a relative span such as '1h', '24h', '7d'", abort: true })
    .refine((s) => (relativeSpanMs(s) ?? Infinity) <= MAX_RANGE_MS, {
      message: `the range is longer than ${MAX_HEALTH_RANGE_DAYS} days`,
    })
    .optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  customer: customerParam,
};

function checkRange(
  q: { last?: string | undefined; from?: string | undefined; to?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (q.last !== undefined && (q.from !== undefined || q.to !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['last'], message: 'give either last or from and to, not both' });
    return;
  }
  if ((q.from === undefined) !== (q.to === undefined)) {
    const missing = q.from === undefined ? 'from' : 'to';
    ctx.addIssue({ code: 'custom', path: [missing], message: `${missing} is required with the other bound` });
    return;
  }
  if (q.from === undefined || q.to === undefined) return;
  const span = Date.parse(q.to) - Date.parse(q.from);
  if (!(span > 0)) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from is not before to' });
  else if (span > MAX_RANGE_MS)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `the range is longer than ${MAX_HEALTH_RANGE_DAYS} days`,
    });
}

export const healthRangeQuerySchema = z.strictObject(rangeFields).superRefine(checkRange);
export type HealthRangeQuery = z.infer<typeof healthRangeQuerySchema>;

/** The loads route also takes a stream prefix: one source, or the streams of one topic or loader. */
export const loadsQuerySchema = z
  .strictObject({ ...rangeFields, stream: z.string().min(1).max(256).optional() })
  .superRefine(checkRange);

/** The versions route also takes one period (`YYYY.MM` or `YYYY-MM`) instead of the range's months. */
export const versionsQuerySchema = z
  .strictObject({
    ...rangeFields,
    period: z
      .string()
      .refine((p) => parsePeriod(p) !== null, { message: 'expected a month as YYYY.MM or YYYY-MM' })
      .optional(),
  })
  .superRefine(checkRange);

export interface HealthRange {
  from: Date;
  to: Date;
}

/** The range a valid query names, relative ranges ending at `now`. */
export function healthRange(q: Pick<HealthRangeQuery, 'last' | 'from' | 'to'>, now: Date): HealthRange {
  if (q.from !== undefined && q.to !== undefined) return { from: new Date(q.from), to: new Date(q.to) };
  const span = relativeSpanMs(q.last ?? DEFAULT_HEALTH_RANGE)!;
  return { from: new Date(now.getTime() - span), to: now };
}
