import type { Client } from '@elastic/elasticsearch';
import { Hono, type Context } from 'hono';
import {
  reportDefinitionSchema,
  toIssues,
  type CursorKey,
  type NormalizedReportDefinition,
} from '@sightline/schema/reports';
import type { AppDeps, AppEnv } from '../server/env';
import { ApiError, invalid } from '../server/errors';
import { requireTenant } from '../server/middleware/auth';
import { logDefinitionFromQuery } from '../server/logs-params';
import { EsExportAuditLog, type ExportAuditLog } from './audit';
import { ExportInputError, parseColumns } from './columns';
import { concurrencyFromEnv, InMemoryExportSlots, type ExportSlots } from './limits';
import type { ExportFormat } from './filename';
import { FRAMES_CONTENT_TYPE } from './frames';
import { CONTENT_TYPES, startExport, type ExportDeps, type ExportRequest } from './run';
import { exportOptionsSchema } from '@sightline/schema/api-schemas';
import { auditQuerySchema } from './audit-params';

const EXPORT_PARAMS = Object.keys(exportOptionsSchema.shape);
/** Log paging parameters mean nothing to an export, which always delivers every row. */
const PAGING_PARAMS = ['pageSize', 'cursor'];

export interface ExportRouteOptions {
  es: Client;
  /** Signs resume cursors: the app's key, so export and log cursors share one secret. */
  cursors: CursorKey;
  slots?: ExportSlots;
  audit?: ExportAuditLog;
  now?: () => Date;
  pageSize?: number;
}

function optionsOf(query: Record<string, string>) {
  const picked = Object.fromEntries(Object.entries(query).filter(([k]) => EXPORT_PARAMS.includes(k)));
  const parsed = exportOptionsSchema.safeParse(picked);
  if (!parsed.success) throw invalid(toIssues(parsed.error), 'invalid export options');
  return parsed.data;
}

function definitionOf(raw: unknown): NormalizedReportDefinition {
  // A bare {timeRange, filters} is an export of the log view with its defaults.
  const withView =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !('view' in raw)
      ? { ...raw, view: { type: 'log' } }
      : raw;
  const parsed = reportDefinitionSchema.safeParse(withView);
  if (!parsed.success) throw invalid(toIssues(parsed.error), 'invalid export definition');
  return parsed.data;
}

/** The export's time range, filters, order and columns from a report definition (log views add columns and sort). */
function fromDefinition(definition: NormalizedReportDefinition) {
  const view = definition.view.type === 'log' ? definition.view : undefined;
  return {
    definition: {
      timeRange: definition.timeRange,
      ...(definition.filters ? { filters: definition.filters } : {}),
      ...(view?.sort ? { sort: view.sort } : {}),
    },
    columns: view?.columns,
  };
}

/** What a GET would answer with, validated like one, without counting, pinning or auditing anything. */
function headOnly(c: Context<AppEnv>, format: ExportFormat, frames: boolean): Response {
  return c.body(null, 200, {
    'Content-Type': frames ? FRAMES_CONTENT_TYPE : CONTENT_TYPES[format],
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
}

/**
 * GET and POST /api/logs/export, GET /api/exports/audit. Mounted on the authenticated /api app;
 * the tenant comes from the token (requireTenant), never from the request.
 */
export function exportRoutes(options: ExportRouteOptions) {
  const slots = options.slots ?? new InMemoryExportSlots(concurrencyFromEnv());
  const audit = options.audit ?? new EsExportAuditLog(options.es);
  const now = options.now ?? (() => new Date());
  const deps: ExportDeps = {
    es: options.es,
    slots,
    audit,
    cursors: options.cursors,
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    onAuditError: (error) => console.error('sightline export: audit entry not stored:', error),
  };

  async function respond(
    c: Context<AppEnv>,
    request: Omit<ExportRequest, 'customer' | 'token' | 'now' | 'signal'>,
  ): Promise<Response> {
    let started;
    try {
      started = await startExport(deps, {
        ...request,
        customer: c.get('tenant'),
        token: c.get('principal').name,
        now: now(),
        signal: c.req.raw.signal,
      });
    } catch (error) {
      if (error instanceof ExportInputError) throw new ApiError(400, 'invalid_request', error.message);
      throw error;
    }
    if (started.kind === 'busy') {
      const seconds = String(started.retryAfterSeconds);
      return c.json(
        {
          error: {
            code: 'too_many_exports',
            message: `this customer already runs its maximum of concurrent exports; retry in ${seconds}s`,
          },
        },
        429,
        { 'Retry-After': seconds },
      );
    }
    return c.body(started.body, 200, started.headers);
  }

  return new Hono<AppEnv>()
    .get('/logs/export', requireTenant(), async (c) => {
      const query = c.req.query();
      const opts = optionsOf(query);
      const paging = PAGING_PARAMS.filter((p) => p in query);
      if (paging.length > 0) {
        throw new ApiError(
          400,
          'invalid_request',
          `${paging.join(', ')}: an export has no pages (use after= to resume)`,
        );
      }
      const logParams = Object.fromEntries(Object.entries(query).filter(([k]) => !EXPORT_PARAMS.includes(k)));
      const built = logDefinitionFromQuery(logParams);
      if (Array.isArray(built)) throw invalid(built, 'invalid export query');
      const { definition, columns } = fromDefinition(definitionOf(built));
      // Hono answers HEAD with the GET handler and drops the body unread: starting the export here
      // would pin a point in time and hold a slot that no reader ever releases.
      if (c.req.method === 'HEAD') return headOnly(c, opts.format, opts.frames);
      return respond(c, {
        ...opts,
        definition,
        ...(columns ? { columns } : {}),
      });
    })
    .post('/logs/export', requireTenant(), async (c) => {
      const opts = optionsOf(c.req.query());
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw new ApiError(400, 'invalid_request', 'the body must be a JSON report definition');
      }
      const { definition, columns } = fromDefinition(definitionOf(body));
      let chosen;
      try {
        chosen = parseColumns(c.req.query('columns')) ?? columns;
      } catch (error) {
        throw new ApiError(400, 'invalid_request', (error as Error).message);
      }
      return respond(c, { ...opts, definition, ...(chosen ? { columns: chosen } : {}) });
    })
    .get('/exports/audit', async (c) => {
      if (!c.get('principal').admin)
        throw new ApiError(403, 'forbidden', 'the export audit is for admin tokens');
      const parsed = auditQuerySchema.safeParse(c.req.query());
      if (!parsed.success) throw invalid(toIssues(parsed.error), 'invalid audit query');
      try {
        return c.json(await audit.list(parsed.data));
      } catch (error) {
        if (error instanceof ExportInputError) throw new ApiError(400, 'invalid_request', error.message);
        throw error;
      }
    });
}

/** For createApp's `extend`: mounts the export routes on the authenticated /api app. */
export function mountExports(es: Client, options: Omit<ExportRouteOptions, 'es' | 'cursors'> = {}) {
  return (api: Hono<AppEnv>, deps: AppDeps) => {
    api.route(
      '/',
      exportRoutes({ es, cursors: deps.cursors, ...(deps.now ? { now: deps.now } : {}), ...options }),
    );
  };
}
