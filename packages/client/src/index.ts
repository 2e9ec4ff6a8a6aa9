import type { FieldInfo, FieldName, FilterableField } from '@sightline/schema';
import type {
  BuiltinReport,
  FilterNode,
  LogResult,
  ReportDefinition,
  ReportResult,
} from '@sightline/schema/reports';
import type {
  DataHealthLoads,
  DataHealthQuality,
  DataHealthSources,
  DataHealthVersions,
  exportOptionsSchema,
  Freshness,
  PipelineHealth,
} from '@sightline/schema/api-schemas';
import type {
  AuditPage,
  AuditQuery,
  CustomerList,
  DeliveryState,
  FindingAuditPage,
  FindingPage,
  FindingSort,
  FindingStatus,
  FindingStatusResult,
  FindingType,
  NewSavedView,
  SavedView,
  SavedViewList,
  SettableStatus,
  Severity,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookPutResult,
  WebhookSecretResult,
  WebhookSetting,
} from '@sightline/schema/api';
import type { z } from 'zod';
import { createReportBatcher } from './batch';
import { errorFromResponse, SightlineApiError } from './errors';

export { SightlineApiError } from './errors';
/** The value sets of a finding's fields, so a browser can list and check them without the engine. */
export {
  DEFAULT_FINDING_SORT,
  FINDING_SORTS,
  FINDING_STATUSES,
  FINDING_TYPES,
  SETTABLE_STATUSES,
  SEVERITIES,
} from '@sightline/schema/api';
export type { AuditPage, CustomerList, CustomerSummary, ExportAuditEntry } from '@sightline/schema/api';
export type {
  AlertEvent,
  DeliveryAttempt,
  DeliveryState,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookPayload,
  WebhookPutResult,
  WebhookSecretResult,
  WebhookSetting,
} from '@sightline/schema/api';
export { DELIVERY_STATES } from '@sightline/schema/api';
/** The API's own check of a webhook URL, so a form says what the API would say before sending. */
export { webhookUrlProblem } from '@sightline/schema/api';
export { MAX_WEBHOOK_URL_LENGTH } from '@sightline/schema/api';
/** Entries per page of the audit trails: the API's default, and the most a page may hold. */
export { DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE } from '@sightline/schema/api';
export type { FindingAuditEntry, FindingAuditPage } from '@sightline/schema/api';

/**
 * Which page of the findings audit to read, newest change first (admin tokens): `limit` entries (1-200,
 * 50 by default) after `after` (the previous page's `next`), narrowed by when the change was made
 * (`from`, `to`), who made it (`token`, the token's name), whom the finding is about (`user`) and the
 * finding's id. The client's `customer` scopes it to one customer.
 */
export interface FindingAuditParams {
  limit?: number;
  after?: string;
  from?: string;
  to?: string;
  token?: string;
  user?: string;
  finding?: string;
}

/** A customer's webhook as set with putWebhook: `enabled` is true when left out. */
export interface WebhookSettingInput {
  url: string;
  minSeverity: Severity;
  enabled?: boolean;
}

/** Which page of the delivery audit to read, newest first. */
export interface WebhookDeliveryParams {
  state?: DeliveryState[];
  pageSize?: number;
  cursor?: string;
}
export type { NewSavedView, SavedView, SavedViewList } from '@sightline/schema/api';
export { MAX_VIEW_NAME_LENGTH, MAX_VIEW_URL_LENGTH, MAX_VIEWS_PER_CUSTOMER } from '@sightline/schema/api';

/** Which page of the export audit to read: newest first, `limit` entries (1-200, 50 by default). */
export type ExportAuditParams = Partial<Pick<AuditQuery, 'limit' | 'after'>>;
export type * from '@sightline/schema/reports';
export type {
  Finding,
  FindingPage,
  FindingSort,
  FindingStatus,
  FindingStatusResult,
  FindingType,
  SettableStatus,
  Severity,
  StoredFinding,
} from '@sightline/schema/api';
export type { ReportDefinition, FilterNode } from '@sightline/schema/reports';
export type { BuiltinReport } from '@sightline/schema/reports';
export type {
  DataHealthLoads,
  DataHealthQuality,
  DataHealthSources,
  DataHealthVersions,
  LoadCounts,
  LoadHour,
  QualityCheck,
  SourceHealth,
  VersionPeriod,
} from '@sightline/schema/api-schemas';
/** The data-health limits and load kinds, so a browser can state and check them without the engine. */
export {
  LOAD_BUCKET_MS,
  LOAD_KINDS,
  MAX_HEALTH_RANGE_DAYS,
  QUALITY_HISTORY_LIMIT,
  type LoadKind,
} from '@sightline/schema/api';
export type {
  Freshness,
  FirehosePartitionHealth,
  KafkaHealth,
  LoadBatch,
  PartitionLag,
  PipelineHealth,
  PipelineStatus,
  PipelineThresholds,
  ShardHealth,
} from '@sightline/schema/api-schemas';

export interface ClientOptions {
  /** Where the API is, e.g. `http://127.0.0.1:8787` or '' for the page's own origin. */
  baseUrl: string;
  token: string;
  /** For admin tokens: the customer to read. */
  customer?: string;
  /** Defaults to the global fetch (browsers, Node 18+). */
  fetch?: typeof fetch;
  /**
   * Sends the reports `runReport` is asked for within one task as one request (POST
   * /api/reports/batch), each promise settling as its report finishes. For pages that show several
   * reports at once: a browser opens at most six connections to a host, and the seventh report would
   * wait for the slowest of the first six. Off by default: each call is then a request of its own.
   */
  batchReports?: boolean;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * How an export is written (POST /api/logs/export): its format (CSV by default), CSV's byte order
 * mark and formula escaping, NDJSON's completeness marker, the framed transport the CLI resumes, and
 * `after` to continue a cut-off framed export. The options' own schema says what each does.
 */
export type ExportOptions = Partial<z.output<typeof exportOptionsSchema>> & {
  /** The file's columns in their order (default: the definition's log view columns). */
  columns?: readonly FieldName[];
};

/** Overrides a built-in report's range: relative (`last`) or absolute (`from`, `to`). */
export interface RangeOverride {
  last?: string;
  from?: string;
  to?: string;
  timeZone?: string;
}

export interface LogParams extends RangeOverride {
  filter?: FilterNode;
  /** Simple equality filters; an array means any of the values. */
  where?: Partial<Record<FilterableField, string | number | boolean | (string | number | boolean)[]>>;
  /** Case-insensitive text in any searchable field. */
  q?: string;
  columns?: FieldName[];
  sort?: { field: FieldName; order?: 'asc' | 'desc' }[];
  pageSize?: number;
  cursor?: string;
}

export interface FindingParams {
  type?: FindingType[];
  /** Without it, every status but `muted`. */
  status?: FindingStatus[];
  /** The least severity listed. */
  severity?: Severity;
  user?: string;
  /** Findings whose evidence overlaps this range (ISO 8601 with offset). */
  from?: string;
  to?: string;
  /** The order, newest first within it: `last_seen` (the default), `first_seen` or `severity`. */
  sort?: FindingSort;
  pageSize?: number;
  /** `nextCursor` of the previous page, asked with the same `sort`. */
  cursor?: string;
}

export interface FindingStatusChange {
  status: SettableStatus;
  /** true mutes the finding's type for its user (with `dismissed` only); false lifts that mute. */
  mute?: boolean;
  note?: string;
}

function findingQuery(p: FindingParams): URLSearchParams {
  const params = new URLSearchParams();
  if (p.type?.length) params.set('type', p.type.join(','));
  if (p.status?.length) params.set('status', p.status.join(','));
  if (p.severity) params.set('severity', p.severity);
  if (p.user) params.set('user', p.user);
  if (p.from) params.set('from', p.from);
  if (p.to) params.set('to', p.to);
  if (p.sort) params.set('sort', p.sort);
  if (p.pageSize !== undefined) params.set('pageSize', String(p.pageSize));
  if (p.cursor) params.set('cursor', p.cursor);
  return params;
}

export interface HealthStatus {
  status: 'ok' | 'unavailable';
  elasticsearch: string;
}

function rangeParams(range: RangeOverride, params: URLSearchParams): void {
  if (range.last) params.set('last', range.last);
  if (range.from) params.set('from', range.from);
  if (range.to) params.set('to', range.to);
  if (range.timeZone) params.set('tz', range.timeZone);
}

/** The data-health routes take a range but no time zone: their buckets are hours of UTC. */
function healthQuery(range: RangeOverride): URLSearchParams {
  const params = new URLSearchParams();
  rangeParams({ ...range, timeZone: undefined }, params);
  return params;
}

function logQuery(p: LogParams): URLSearchParams {
  const params = new URLSearchParams();
  rangeParams(p, params);
  if (p.filter) params.set('filter', JSON.stringify(p.filter));
  for (const [field, value] of Object.entries(p.where ?? {}))
    params.set(field, Array.isArray(value) ? value.join(',') : String(value));
  if (p.q) params.set('q', p.q);
  if (p.columns) params.set('columns', p.columns.join(','));
  if (p.sort) params.set('sort', p.sort.map((s) => `${s.field}:${s.order ?? 'asc'}`).join(','));
  if (p.pageSize !== undefined) params.set('pageSize', String(p.pageSize));
  if (p.cursor) params.set('cursor', p.cursor);
  return params;
}

/** A typed client of the Sightline API for browsers and Node. Every failure is a SightlineApiError. */
export function createClient(options: ClientOptions) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.baseUrl.replace(/\/+$/, '');

  /** The response of a call that succeeded; any failure is a SightlineApiError (or the caller's abort). */
  async function request(
    path: string,
    init: RequestInit & { query?: URLSearchParams } = {},
  ): Promise<Response> {
    const query = init.query ?? new URLSearchParams();
    if (options.customer) query.set('customer', options.customer);
    const qs = query.toString();
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${options.token}`);
    headers.set('Accept', 'application/json');
    let response: Response;
    try {
      response = await doFetch(`${base}${path}${qs ? `?${qs}` : ''}`, { ...init, headers });
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') throw error;
      throw new SightlineApiError(
        0,
        'network_error',
        `cannot reach the Sightline API at ${base || 'this origin'}`,
        {
          cause: error,
        },
      );
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  async function call<T>(path: string, init: RequestInit & { query?: URLSearchParams } = {}): Promise<T> {
    return (await (await request(path, init)).json()) as T;
  }

  const postJson = (body: unknown, signal: AbortSignal | undefined): RequestInit => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  const runOne = (definition: ReportDefinition, signal?: AbortSignal): Promise<ReportResult> =>
    call('/api/reports/run', postJson(definition, signal));
  const runBatched = options.batchReports
    ? createReportBatcher(
        (reports, signal) => request('/api/reports/batch', postJson({ reports }, signal)),
        runOne,
      )
    : runOne;

  return {
    /** Runs any report definition (with `batchReports`, together with the others asked for in this task). */
    runReport(definition: ReportDefinition, { signal }: CallOptions = {}): Promise<ReportResult> {
      return runBatched(definition, signal);
    },
    async builtinReports({ signal }: CallOptions = {}): Promise<readonly BuiltinReport[]> {
      const body = await call<{ reports: BuiltinReport[] }>('/api/reports', signal ? { signal } : {});
      return body.reports;
    },
    /** Runs a built-in report by id, optionally over another time range. */
    runBuiltin(id: string, range: RangeOverride = {}, { signal }: CallOptions = {}): Promise<ReportResult> {
      const query = new URLSearchParams();
      rangeParams(range, query);
      return call(`/api/reports/${encodeURIComponent(id)}/run`, { query, ...(signal ? { signal } : {}) });
    },
    async fields({ signal }: CallOptions = {}): Promise<FieldInfo[]> {
      const body = await call<{ fields: FieldInfo[] }>('/api/fields', signal ? { signal } : {});
      return body.fields;
    },
    /** One page of the filtered log; pass `nextCursor` back as `cursor` for the next. */
    logs(params: LogParams = {}, { signal }: CallOptions = {}): Promise<LogResult> {
      return call('/api/logs', { query: logQuery(params), ...(signal ? { signal } : {}) });
    },
    health({ signal }: CallOptions = {}): Promise<HealthStatus> {
      return call('/api/health', signal ? { signal } : {});
    },
    /**
     * How recent the stored data is (newest event and ingestion times, their ages) and the pipeline's
     * total lag, for this client's customer (an admin client without `customer`: every customer).
     */
    freshness({ signal }: CallOptions = {}): Promise<Freshness> {
      return call('/api/freshness', signal ? { signal } : {});
    },
    /** Every customer with stored records, by id (admin tokens): what a customer switcher offers. */
    customers({ signal }: CallOptions = {}): Promise<CustomerList> {
      return call('/api/customers', signal ? { signal } : {});
    },
    /** One page of findings, newest first (or as `sort` asks); pass `nextCursor` back as `cursor` for the next. */
    findings(params: FindingParams = {}, { signal }: CallOptions = {}): Promise<FindingPage> {
      return call('/api/findings', { query: findingQuery(params), ...(signal ? { signal } : {}) });
    },
    /** Marks a finding open, suspicious or dismissed (audited); optionally mutes its pattern for its user. */
    setFindingStatus(
      id: string,
      change: FindingStatusChange,
      { signal }: CallOptions = {},
    ): Promise<FindingStatusResult> {
      return call(`/api/findings/${encodeURIComponent(id)}/status`, postJson(change, signal));
    },
    /**
     * One page of the export audit, newest first (admin tokens): who exported what and how it ended.
     * Scoped to the client's `customer` when it has one; pass `next` back as `after` for the next page.
     */
    exportAudit(params: ExportAuditParams = {}, { signal }: CallOptions = {}): Promise<AuditPage> {
      const query = new URLSearchParams();
      if (params.limit !== undefined) query.set('limit', String(params.limit));
      if (params.after) query.set('after', params.after);
      return call('/api/exports/audit', { query, ...(signal ? { signal } : {}) });
    },
    /**
     * Exports the rows a definition selects, however many (POST /api/logs/export). Resolves once the
     * API has started the file: the response's body is the file, streamed, its `Content-Disposition`
     * names it and `X-Sightline-Estimated-Rows` says how many rows to expect. A log view's columns and
     * sort shape the file; a bare `{ timeRange, filters }` exports the log with its defaults. Refusals
     * (bad input, a customer already at its concurrent exports, 429 with `retryAfter`) are
     * SightlineApiErrors, as for every call.
     */
    exportLogs(
      definition: ReportDefinition | Pick<ReportDefinition, 'timeRange' | 'filters'>,
      exportOptions: ExportOptions = {},
      { signal }: CallOptions = {},
    ): Promise<Response> {
      const query = new URLSearchParams();
      for (const [name, value] of Object.entries(exportOptions))
        if (value !== undefined)
          query.set(
            name,
            Array.isArray(value)
              ? value.join(',')
              : typeof value === 'boolean'
                ? value
                  ? '1'
                  : '0'
                : String(value),
          );
      return request('/api/logs/export', { ...postJson(definition, signal), query });
    },
    /** One page of the findings audit, newest change first (admin tokens): who changed which status when. */
    findingsAudit(params: FindingAuditParams = {}, { signal }: CallOptions = {}): Promise<FindingAuditPage> {
      const query = new URLSearchParams();
      for (const name of ['from', 'to', 'token', 'user', 'finding', 'after'] as const) {
        const value = params[name];
        if (value) query.set(name, value);
      }
      if (params.limit !== undefined) query.set('limit', String(params.limit));
      return call('/api/findings/audit', { query, ...(signal ? { signal } : {}) });
    },
    /** The customer's saved views (named dashboard addresses), by name, and how many it may keep. */
    views({ signal }: CallOptions = {}): Promise<SavedViewList> {
      return call('/api/views', signal ? { signal } : {});
    },
    /** Saves a view; a name the customer has already, or one view past the limit, is a 409. */
    saveView(view: NewSavedView, { signal }: CallOptions = {}): Promise<SavedView> {
      return call('/api/views', postJson(view, signal));
    },
    /** Deletes a saved view and returns it as it was; an unknown id is a 404. */
    deleteView(id: string, { signal }: CallOptions = {}): Promise<SavedView> {
      return call(`/api/views/${encodeURIComponent(id)}`, {
        method: 'DELETE',
        ...(signal ? { signal } : {}),
      });
    },
    /** The customer's webhook (admin tokens with `customer`); never its secret. */
    webhook({ signal }: CallOptions = {}): Promise<WebhookSetting> {
      return call('/api/alerts/webhook', signal ? { signal } : {});
    },
    /** Creates (the answer holds the signing secret, once) or changes the customer's webhook. */
    putWebhook(setting: WebhookSettingInput, { signal }: CallOptions = {}): Promise<WebhookPutResult> {
      return call('/api/alerts/webhook', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(setting),
        ...(signal ? { signal } : {}),
      });
    },
    deleteWebhook({ signal }: CallOptions = {}): Promise<{ deleted: true }> {
      return call('/api/alerts/webhook', { method: 'DELETE', ...(signal ? { signal } : {}) });
    },
    /** A new signing secret, returned once; the old one stops signing at once. */
    rotateWebhookSecret({ signal }: CallOptions = {}): Promise<WebhookSecretResult> {
      return call('/api/alerts/webhook/secret', { method: 'POST', ...(signal ? { signal } : {}) });
    },
    /** Sends a signed test event now and says how the receiver answered. */
    testWebhook({ signal }: CallOptions = {}): Promise<WebhookDelivery> {
      return call('/api/alerts/webhook/test', { method: 'POST', ...(signal ? { signal } : {}) });
    },
    /** The delivery audit, newest first: each delivery with every attempt. */
    webhookDeliveries(
      params: WebhookDeliveryParams = {},
      { signal }: CallOptions = {},
    ): Promise<WebhookDeliveryPage> {
      const query = new URLSearchParams();
      if (params.state) query.set('state', params.state.join(','));
      if (params.pageSize !== undefined) query.set('pageSize', String(params.pageSize));
      if (params.cursor) query.set('cursor', params.cursor);
      return call('/api/alerts/webhook/deliveries', { query, ...(signal ? { signal } : {}) });
    },
    /**
     * Rows read, stored, duplicates, flagged, rejected and batches per hour, loader and stream (admin
     * tokens); `stream` narrows to the streams starting with it.
     */
    dataHealthLoads(
      range: RangeOverride & { stream?: string } = {},
      { signal }: CallOptions = {},
    ): Promise<DataHealthLoads> {
      const query = healthQuery(range);
      if (range.stream) query.set('stream', range.stream);
      return call('/api/data-health/loads', { query, ...(signal ? { signal } : {}) });
    },
    /** Freshness, position and lag of each source, with the pipeline's status (admin tokens). */
    dataHealthSources(range: RangeOverride = {}, { signal }: CallOptions = {}): Promise<DataHealthSources> {
      return call('/api/data-health/sources', { query: healthQuery(range), ...(signal ? { signal } : {}) });
    },
    /** Each quality check's latest result and its history in the range, worst first (admin tokens). */
    dataHealthQuality(range: RangeOverride = {}, { signal }: CallOptions = {}): Promise<DataHealthQuality> {
      return call('/api/data-health/quality', { query: healthQuery(range), ...(signal ? { signal } : {}) });
    },
    /**
     * The versions of the range's months (or of `period`, YYYY.MM) with fingerprints and their
     * differences from the version in use, as the switch judges them (admin tokens).
     */
    dataHealthVersions(
      range: RangeOverride & { period?: string } = {},
      { signal }: CallOptions = {},
    ): Promise<DataHealthVersions> {
      const query = healthQuery(range);
      if (range.period) query.set('period', range.period);
      return call('/api/data-health/versions', { query, ...(signal ? { signal } : {}) });
    },
    /** The live pipeline's health: lag, shard cursors, last batches, status (admin tokens). */
    pipeline({ signal }: CallOptions = {}): Promise<PipelineHealth> {
      return call('/api/pipeline', signal ? { signal } : {});
    },
  };
}

export type SightlineClient = ReturnType<typeof createClient>;
