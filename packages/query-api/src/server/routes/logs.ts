import { Hono } from 'hono';
import { reportDefinitionSchema, toIssues, type LogResult } from '@sightline/schema/reports';
import type { AppDeps, AppEnv } from '../env';
import { invalid } from '../errors';
import { requireTenant } from '../middleware/auth';
import { logDefinitionFromQuery } from '../logs-params';
import { runReport } from '../run';

export function logRoutes(deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  return new Hono<AppEnv>().get('/', requireTenant(), async (c) => {
    const built = logDefinitionFromQuery(c.req.query());
    if (Array.isArray(built)) throw invalid(built, 'invalid log query');
    const parsed = reportDefinitionSchema.safeParse(built);
    if (!parsed.success) throw invalid(toIssues(parsed.error), 'invalid log query');
    const result = (await runReport(
      deps,
      parsed.data,
      c.get('tenant'),
      now(),
      c.req.raw.signal,
    )) as LogResult;
    return c.json(result);
  });
}
