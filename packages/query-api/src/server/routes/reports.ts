import { Hono } from 'hono';
import { z } from 'zod';
import {
  builtinReport,
  builtinReports,
  reportDefinitionSchema,
  toIssues,
  type ReportDefinition,
} from '@sightline/schema/reports';
import type { AppDeps, AppEnv } from '../env';
import { ApiError, invalid } from '../errors';
import { requireTenant } from '../middleware/auth';
import { chargeTokenRate } from '../middleware/rate-limit';
import { validate } from '../middleware/validate';
import { reportBatchSchema, runReportBatch } from '../report-batch';
import { runReport } from '../run';
import { customerParam } from '../query-params';

/** Query parameters that override a built-in report's time range. */
const RANGE_PARAMS = ['last', 'from', 'to', 'tz', 'customer'] as const;

/** The parameters GET /api/reports/:id/run reads; any other is a mistake named back to the caller. */
export const rangeOverrideSchema = z
  .looseObject({
    last: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    tz: z.string().optional(),
    customer: customerParam,
  })
  .superRefine((q, ctx) => {
    for (const key of Object.keys(q))
      if (!(RANGE_PARAMS as readonly string[]).includes(key))
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `unknown query parameter '${key}' (this route takes ${RANGE_PARAMS.join(', ')})`,
        });
    if ((q.from === undefined) !== (q.to === undefined)) {
      const [given, missing] = q.from === undefined ? ['to', 'from'] : ['from', 'to'];
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: `'${given}' needs '${missing}' as well: an absolute range has both ends (or use 'last')`,
      });
    }
  });

function withRange(def: ReportDefinition, q: z.output<typeof rangeOverrideSchema>): ReportDefinition {
  const timeZone = q.tz ?? def.timeRange.timeZone;
  const zone = timeZone ? { timeZone } : {};
  if (q.from !== undefined || q.to !== undefined)
    return { ...def, timeRange: { from: q.from ?? '', to: q.to ?? '', ...zone } };
  if (q.last !== undefined) return { ...def, timeRange: { last: q.last, ...zone } };
  return { ...def, timeRange: { ...def.timeRange, ...zone } };
}

export function reportRoutes(deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  return new Hono<AppEnv>()
    .get('/', (c) => c.json({ reports: builtinReports() }))
    .post('/run', requireTenant(), validate('json', reportDefinitionSchema), async (c) => {
      const result = await runReport(deps, c.req.valid('json'), c.get('tenant'), now(), c.req.raw.signal);
      return c.json(result);
    })
    .post('/batch', requireTenant(), validate('json', reportBatchSchema), (c) => {
      const { reports } = c.req.valid('json');
      // The request itself was counted; each report past the first counts as one request more.
      chargeTokenRate(c, deps.rateLimits, reports.length - 1);
      const body = runReportBatch(deps, reports, c.get('tenant'), now(), c.req.raw.signal);
      return c.body(body, 200, { 'Content-Type': 'application/x-ndjson; charset=utf-8' });
    })
    .get('/:id/run', requireTenant(), validate('query', rangeOverrideSchema), async (c) => {
      const id = c.req.param('id');
      const report = builtinReport(id);
      if (!report) throw new ApiError(404, 'not_found', `no built-in report '${id}' (see GET /api/reports)`);
      const parsed = reportDefinitionSchema.safeParse(withRange(report.definition, c.req.valid('query')));
      if (!parsed.success) throw invalid(toIssues(parsed.error), 'invalid time range');
      const result = await runReport(deps, parsed.data, c.get('tenant'), now(), c.req.raw.signal);
      return c.json(result);
    });
}
