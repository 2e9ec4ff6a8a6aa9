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
import {
  fillPath,
  searchParams,
  narrow,
  type AnswerOf,
  type Method,
  type QueryOf,
  type RouteInput,
  type RouteOf,
} from './routes';

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

const list = (values: readonly string[] | undefined) => (values?.length ? values.join(',') : undefined);

function findingQuery(p: FindingParams): QueryOf<'/api/findings', 'get'> {
  return {
    type: list(p.type),
    status: list(p.status),
    severity: p.severity,
    user: p.user,
    from: p.from,
    to: p.to,
    sort: p.sort,
    pageSize: p.pageSize,
    cursor: p.cursor,
  };
}

export interface HealthStatus {
  status: 'ok' | 'unavailable';
  elasticsearch: string;
}

function rangeQuery(range: RangeOverride) {
  return { last: range.last, from: range.from, to: range.to, tz: range.timeZone };
}

/** The data-health routes take a range but no time zone: their buckets are hours of UTC. */
const healthRange = ({ last, from, to }: RangeOverride) => ({ last, from, to });

function logQuery(p: LogParams): QueryOf<'/api/logs', 'get'> {
  return {
    ...rangeQuery(p),
    filter: p.filter ? JSON.stringify(p.filter) : undefined,
    q: p.q,
    columns: p.columns?.join(','),
    sort: p.sort?.map((s) => `${s.field}:${s.order ?? 'asc'}`).join(','),
    pageSize: p.pageSize,
    cursor: p.cursor,
  };
}

/** `field=value[,value…]` for each simple equality filter, as GET /api/logs reads them. */
function whereQuery(where: LogParams['where']): URLSearchParams {
  const params = new URLSearchParams();
  for (const [field, value] of Object.entries(where ?? {}))
    params.set(field, Array.isArray(value) ? value.join(',') : String(value));
  return params;
}

/** Export options as query parameters: lists comma-separated, switches as 1 or 0. */
function exportQuery(options: ExportOptions): QueryOf<'/api/logs/export', 'post'> {
  const { columns, format, bom, escapeFormulae, frames, marker, after, ...unsent } = options;
  // An option added to the schema and not sent here is a type error, not a setting silently dropped.
  unsent satisfies Record<string, never>;
  const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? '1' : '0');
  return {
    columns: columns?.join(','),
    format,
    bom: flag(bom),
    escapeFormulae: flag(escapeFormulae),
    frames: flag(frames),
    marker: flag(marker),
    after,
  };
}

/**
 * A typed client of the Sightline API for browsers and Node. Every route it calls, with its
 * parameters, body and answer, is typed from the API's OpenAPI document (./openapi.ts, generated);
 * every failure is a SightlineApiError.
 */
export function createClient(options: ClientOptions) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.baseUrl.replace(/\/+$/, '');

  /** The response of a call that succeeded; any failure is a SightlineApiError (or the caller's abort). */
  async function send<M extends Method, P extends RouteOf<M>>(
    method: M,
    route: P,
    input: RouteInput<P, M> = {},
    more?: URLSearchParams,
  ): Promise<Response> {
    const query = searchParams(input.query);
    more?.forEach((value, name) => query.set(name, value));
    if (options.customer) query.set('customer', options.customer);
    const qs = query.toString();
    const path = fillPath(route, input.path as Record<string, string> | undefined);
    const headers = new Headers({ Authorization: `Bearer ${options.token}`, Accept: 'application/json' });
    const init: RequestInit = { method: method.toUpperCase(), headers };
    if (input.body !== undefined) {
      headers.set('Content-Type', 'application/json');
      init.body = JSON.stringify(input.body);
    }
    if (input.signal) init.signal = input.signal;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}${qs ? `?${qs}` : ''}`, init);
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

  /** The JSON a route answers with, as the document describes it. */
  async function answer<M extends Method, P extends RouteOf<M>>(
    method: M,
    route: P,
    input: RouteInput<P, M> = {},
    more?: URLSearchParams,
  ): Promise<AnswerOf<P, M>> {
    return (await (await send(method, route, input, more)).json()) as AnswerOf<P, M>;
  }

  const runOne = (definition: ReportDefinition, signal?: AbortSignal): Promise<ReportResult> =>
    answer('post', '/api/reports/run', { body: definition, signal });
  const runBatched = options.batchReports
    ? createReportBatcher(
        (reports, signal) => send('post', '/api/reports/batch', { body: { reports }, signal }),
        runOne,
      )
    : runOne;

  return {
    /** Runs any report definition (with `batchReports`, together with the others asked for in this task). */
    runReport(definition: ReportDefinition, { signal }: CallOptions = {}): Promise<ReportResult> {
      return runBatched(definition, signal);
    },
    async builtinReports({ signal }: CallOptions = {}): Promise<readonly BuiltinReport[]> {
      return (await narrow<{ reports: BuiltinReport[] }>()(answer('get', '/api/reports', { signal })))
        .reports;
    },
    /** Runs a built-in report by id, optionally over another time range. */
    runBuiltin(id: string, range: RangeOverride = {}, { signal }: CallOptions = {}): Promise<ReportResult> {
      return answer('get', '/api/reports/{id}/run', { path: { id }, query: rangeQuery(range), signal });
    },
    async fields({ signal }: CallOptions = {}): Promise<FieldInfo[]> {
      return (await answer('get', '/api/fields', { signal })).fields;
    },
    /** One page of the filtered log; pass `nextCursor` back as `cursor` for the next. */
    logs(params: LogParams = {}, { signal }: CallOptions = {}): Promise<LogResult> {
      return answer('get', '/api/logs', { query: logQuery(params), signal }, whereQuery(params.where));
    },
    health({ signal }: CallOptions = {}): Promise<HealthStatus> {
      return answer('get', '/api/health', { signal });
    },
    /**
     * How recent the stored data is (newest event and ingestion times, their ages) and the pipeline's
     * total lag, for this client's customer (an admin client without `customer`: every customer).
     */
    freshness({ signal }: CallOptions = {}): Promise<Freshness> {
      return answer('get', '/api/freshness', { signal });
    },
    /** Every customer with stored records, by id (admin tokens): what a customer switcher offers. */
    customers({ signal }: CallOptions = {}): Promise<CustomerList> {
      return answer('get', '/api/customers', { signal });
    },
    /** One page of findings, newest first (or as `sort` asks); pass `nextCursor` back as `cursor` for the next. */
    findings(params: FindingParams = {}, { signal }: CallOptions = {}): Promise<FindingPage> {
      return narrow<FindingPage>()(answer('get', '/api/findings', { query: findingQuery(params), signal }));
    },
    /** Marks a finding open, suspicious or dismissed (audited); optionally mutes its pattern for its user. */
    setFindingStatus(
      id: string,
      change: FindingStatusChange,
      { signal }: CallOptions = {},
    ): Promise<FindingStatusResult> {
      return narrow<FindingStatusResult>()(
        answer('post', '/api/findings/{id}/status', { path: { id }, body: change, signal }),
      );
    },
    /**
     * One page of the export audit, newest first (admin tokens): who exported what and how it ended.
     * Scoped to the client's `customer` when it has one; pass `next` back as `after` for the next page.
     */
    exportAudit(params: ExportAuditParams = {}, { signal }: CallOptions = {}): Promise<AuditPage> {
      return narrow<AuditPage>()(
        answer('get', '/api/exports/audit', {
          query: { limit: params.limit, after: params.after },
          signal,
        }),
      );
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
      return send('post', '/api/logs/export', {
        body: definition,
        query: exportQuery(exportOptions),
        signal,
      });
    },
    /** One page of the findings audit, newest change first (admin tokens): who changed which status when. */
    findingsAudit(params: FindingAuditParams = {}, { signal }: CallOptions = {}): Promise<FindingAuditPage> {
      const { from, to, token, user, finding, after, limit } = params;
      return answer('get', '/api/findings/audit', {
        query: { from, to, token, user, finding, after, limit },
        signal,
      });
    },
    /** The customer's saved views (named dashboard addresses), by name, and how many it may keep. */
    views({ signal }: CallOptions = {}): Promise<SavedViewList> {
      return answer('get', '/api/views', { signal });
    },
    /** Saves a view; a name the customer has already, or one view past the limit, is a 409. */
    saveView(view: NewSavedView, { signal }: CallOptions = {}): Promise<SavedView> {
      return answer('post', '/api/views', { body: view, signal });
    },
    /** Deletes a saved view and returns it as it was; an unknown id is a 404. */
    deleteView(id: string, { signal }: CallOptions = {}): Promise<SavedView> {
      return answer('delete', '/api/views/{id}', { path: { id }, signal });
    },
    /** The customer's webhook (admin tokens with `customer`); never its secret. */
    webhook({ signal }: CallOptions = {}): Promise<WebhookSetting> {
      return answer('get', '/api/alerts/webhook', { signal });
    },
    /** Creates (the answer holds the signing secret, once) or changes the customer's webhook. */
    putWebhook(setting: WebhookSettingInput, { signal }: CallOptions = {}): Promise<WebhookPutResult> {
      return answer('put', '/api/alerts/webhook', { body: setting, signal });
    },
    deleteWebhook({ signal }: CallOptions = {}): Promise<{ deleted: true }> {
      return answer('delete', '/api/alerts/webhook', { signal });
    },
    /** A new signing secret, returned once; the old one stops signing at once. */
    rotateWebhookSecret({ signal }: CallOptions = {}): Promise<WebhookSecretResult> {
      return answer('post', '/api/alerts/webhook/secret', { signal });
    },
    /** Sends a signed test event now and says how the receiver answered. */
    testWebhook({ signal }: CallOptions = {}): Promise<WebhookDelivery> {
      return answer('post', '/api/alerts/webhook/test', { signal });
    },
    /** The delivery audit, newest first: each delivery with every attempt. */
    webhookDeliveries(
      params: WebhookDeliveryParams = {},
      { signal }: CallOptions = {},
    ): Promise<WebhookDeliveryPage> {
      return answer('get', '/api/alerts/webhook/deliveries', {
        query: { state: list(params.state), pageSize: params.pageSize, cursor: params.cursor },
        signal,
      });
    },
    /**
     * Rows read, stored, duplicates, flagged, rejected and batches per hour, loader and stream (admin
     * tokens); `stream` narrows to the streams starting with it.
     */
    dataHealthLoads(
      range: RangeOverride & { stream?: string } = {},
      { signal }: CallOptions = {},
    ): Promise<DataHealthLoads> {
      return answer('get', '/api/data-health/loads', {
        query: { ...healthRange(range), stream: range.stream },
        signal,
      });
    },
    /** Freshness, position and lag of each source, with the pipeline's status (admin tokens). */
    dataHealthSources(range: RangeOverride = {}, { signal }: CallOptions = {}): Promise<DataHealthSources> {
      return answer('get', '/api/data-health/sources', { query: healthRange(range), signal });
    },
    /** Each quality check's latest result and its history in the range, worst first (admin tokens). */
    dataHealthQuality(range: RangeOverride = {}, { signal }: CallOptions = {}): Promise<DataHealthQuality> {
      return answer('get', '/api/data-health/quality', { query: healthRange(range), signal });
    },
    /**
     * The versions of the range's months (or of `period`, YYYY.MM) with fingerprints and their
     * differences from the version in use, as the switch judges them (admin tokens).
     */
    dataHealthVersions(
      range: RangeOverride & { period?: string } = {},
      { signal }: CallOptions = {},
    ): Promise<DataHealthVersions> {
      return answer('get', '/api/data-health/versions', {
        query: { ...healthRange(range), period: range.period },
        signal,
      });
    },
    /** The live pipeline's health: lag, shard cursors, last batches, status (admin tokens). */
    pipeline({ signal }: CallOptions = {}): Promise<PipelineHealth> {
      return answer('get', '/api/pipeline', { signal });
    },
  };
}

export type SightlineClient = ReturnType<typeof createClient>;
