import { z } from 'zod';
import {
  fieldCatalogAnswerSchema,
  freshnessSchema,
  pipelineHealthSchema,
  reportResultSchema,
} from '@sightline/schema/api-schemas';
import { PROMETHEUS_CONTENT_TYPE } from '../pipeline/health';
import { alertPaths, alertSchemas } from '../alerts/openapi';
import { dataHealthPaths, dataHealthSchemas } from '../data-health/openapi';
import { findingListParams, findingSchemas } from '../findings/openapi';
import { findingAuditPaths, findingAuditSchemas } from '../findings/audit-openapi';
import { viewSchemas, VIEWS_LIMIT_TEXT } from '../views/openapi';
import { fieldNames, MAX_PAGE_SIZE } from '@sightline/schema';
import { CHART_HINTS, MAX_BATCH_REPORTS, reportDefinitionSchema } from '@sightline/schema/reports';
import { exportPaths } from '../export/openapi';
import { ERROR_CODES } from './errors';
import { LOG_PARAMS, logQuerySchema } from './logs-params';
import { bodySchema, CUSTOMER_DOC, customerHeaderParam, queryParams, tenantParams } from './query-params';
import { reportBatchSchema } from './report-batch';
import { auditQuerySchema } from '../export/audit-params';
import { rangeOverrideSchema } from './routes/reports';
import { customersQuery } from './routes/customers';
import { pipelineQuery } from './routes/pipeline';
import { DEFAULT_AUDIT_PAGE } from '@sightline/schema/api';

type Json = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** `#/$defs/X` references as OpenAPI 3.1 expects them: `#/components/schemas/X`. */
const lift = (value: unknown) =>
  JSON.parse(JSON.stringify(value).replace(/"#\/\$defs\/([^"]+)"/g, '"#/components/schemas/$1"')) as Json;

/** The definition's JSON Schema with its $defs lifted into components. */
function definitionSchemas(): Record<string, Json> {
  const schema = z.toJSONSchema(reportDefinitionSchema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as Json & { $defs?: Record<string, Json> };
  const { $defs = {}, $schema: _, ...root } = schema;
  const definition = lift(root);
  return {
    ReportDefinition: definition,
    // What POST /api/logs/export takes: a definition whose view may be left out (the log's, with its defaults).
    ExportDefinition: {
      ...definition,
      required: (definition.required as string[]).filter((name) => name !== 'view'),
      description: 'A report definition; without a view, the log view with its defaults',
    },
    ...Object.fromEntries(Object.entries($defs).map(([k, v]) => [k, lift(v)])),
  };
}

/** Answers' schemas (the pipeline's, a report's), each named by its zod `meta({ id })`, as components. */
function answerSchemas(): Record<string, Json> {
  const defs: Record<string, Json> = {};
  for (const schema of [
    freshnessSchema,
    pipelineHealthSchema,
    reportResultSchema,
    fieldCatalogAnswerSchema,
  ]) {
    const { $defs = {} } = z.toJSONSchema(schema, { io: 'output', target: 'draft-2020-12' }) as Json & {
      $defs?: Record<string, Json>;
    };
    Object.assign(defs, lift($defs));
  }
  return defs;
}

const errorBody: Json = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { enum: [...ERROR_CODES] },
        message: { type: 'string' },
        issues: {
          type: 'array',
          items: {
            type: 'object',
            required: ['path', 'message'],
            properties: { path: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

/** GET /api/health's answer, serving or not. */
const health = (status: 'ok' | 'unavailable'): Json => ({
  type: 'object',
  required: ['status', 'elasticsearch'],
  properties: {
    status: { const: status },
    elasticsearch: {
      type: 'string',
      description: "The cluster's health (green, yellow, red), or unreachable",
    },
  },
});

/** GET /api/reports: each built-in report with the definition it runs (as written, defaults left out). */
const builtinList: Json = {
  type: 'object',
  required: ['reports'],
  properties: {
    reports: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'description', 'chart', 'definition'],
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          description: { type: 'string' },
          chart: { enum: [...CHART_HINTS] },
          definition: ref('ReportDefinition'),
        },
      },
    },
  },
};

const json = (schema: Json) => ({ 'application/json': { schema } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [String(s), { description: ERROR_TEXT[s], content: json(ref('Error')) }]),
  );
const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input: each problem with its path',
  401: 'No or unknown bearer token',
  403: 'The token may not read the named customer, or the route is for admin tokens',
  404: 'Unknown built-in report, or no such finding or saved view for this customer',
  409: 'A saved view of that name exists, or the customer keeps as many views as it may',
  503: 'Elasticsearch unavailable; see Retry-After',
};
/** `customer` where a route spans every customer: accepted (a client set up with one sends it), not used. */
const EVERY_CUSTOMER_DOC = 'Ignored: the answer spans every customer (a client set up with one may send it)';
/** What the range parameters of a report or the log mean. */
const RANGE_DOCS = {
  last: "Relative range ending now, e.g. '15m', '24h', '7d'",
  from: 'Start, ISO 8601 with offset; needs `to`',
  to: 'End (exclusive), ISO 8601 with offset; needs `from`',
  tz: 'IANA time zone for calendar buckets, e.g. Europe/Berlin; aliases are canonicalised (utc → UTC, US/Eastern → America/New_York) and results name the canonical zone',
};
const logParams = queryParams(logQuerySchema.omit({ customer: true }), {
  last: RANGE_DOCS.last,
  from: { description: RANGE_DOCS.from, schema: { type: 'string', format: 'date-time' } },
  to: { description: RANGE_DOCS.to, schema: { type: 'string', format: 'date-time' } },
  tz: RANGE_DOCS.tz,
  filter: 'A JSON-encoded filter tree (FilterNode)',
  q: 'Case-insensitive text searched in every searchable field',
  columns: 'Comma-separated fields to return',
  sort: "Comma-separated fields, '-' prefix or ':desc' suffix for descending",
  pageSize: {
    description: `Rows per page, at most ${MAX_PAGE_SIZE}`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
  },
  cursor: 'nextCursor of the previous page',
});

/** The OpenAPI 3.1 document of every route. */
export function openApiDocument(): Json {
  const auth = [{ bearer: [] }];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sightline query API',
      version: '0.1.0',
      description: `Reports over authentication logs. Besides the documented parameters, GET /api/logs accepts <field>=<value>[,<value>…] for any filterable field; reserved names: ${LOG_PARAMS.join(', ')}. Fields: ${fieldNames.length} (GET /api/fields).`,
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ...definitionSchemas(),
        ...answerSchemas(),
        ...dataHealthSchemas(),
        ...findingSchemas,
        ...findingAuditSchemas,
        ...alertSchemas,
        ...viewSchemas,
        Error: errorBody,
      },
    },
    paths: {
      '/api/health': {
        get: {
          summary: 'Liveness and Elasticsearch reachability',
          security: [],
          responses: {
            '200': { description: 'Serving', content: json(health('ok')) },
            '503': {
              description: 'Elasticsearch cannot be reached; see Retry-After',
              content: json(health('unavailable')),
            },
          },
        },
      },
      '/api/openapi.json': {
        get: { summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.1' } } },
      },
      '/api/fields': {
        get: {
          summary: 'The field catalog',
          security: auth,
          responses: { '200': { description: 'Fields', content: json(ref('FieldCatalog')) }, ...errors(401) },
        },
      },
      '/api/reports': {
        get: {
          summary: 'Built-in reports',
          security: auth,
          responses: { '200': { description: 'Reports', content: json(builtinList) }, ...errors(401) },
        },
      },
      '/api/reports/run': {
        post: {
          summary: 'Run any report definition',
          security: auth,
          parameters: tenantParams,
          requestBody: { required: true, content: json(ref('ReportDefinition')) },
          responses: {
            '200': { description: 'Result', content: json(ref('ReportResult')) },
            ...errors(400, 401, 403, 503),
          },
        },
      },
      '/api/reports/batch': {
        post: {
          summary: 'Run several report definitions in one request, each answered as it finishes',
          description: `For pages that show several reports at once (a browser opens six connections to a host). Up to ${MAX_BATCH_REPORTS} definitions, run together; each counts as one request against the token's rate limit. The answer streams one JSON line per report in the order they finish: {index, result} with what POST /api/reports/run would answer, or {index, error: {status, code, message, issues?, retryAfter?}} with the status and error it would have had. A malformed batch (no reports, too many, not a list) is refused as a whole with a 400; a bad definition only gets its own error line. Closing the connection cancels the searches still running.`,
          security: auth,
          parameters: tenantParams,
          requestBody: { required: true, content: json(bodySchema(reportBatchSchema)) },
          responses: {
            '200': {
              description: 'One line per report, as each finishes',
              content: {
                'application/x-ndjson': {
                  schema: {
                    type: 'object',
                    required: ['index'],
                    properties: {
                      index: { type: 'integer', description: "The report's place in the request, from 0" },
                      result: ref('ReportResult'),
                      error: {
                        type: 'object',
                        required: ['status', 'code', 'message'],
                        properties: {
                          status: { type: 'integer' },
                          code: { type: 'string' },
                          message: { type: 'string' },
                          issues: { type: 'array' },
                          retryAfter: { type: 'integer' },
                        },
                      },
                    },
                  },
                },
              },
            },
            ...errors(400, 401, 403, 429),
          },
        },
      },
      '/api/reports/{id}/run': {
        get: {
          summary: 'Run a built-in report, optionally over another time range',
          description: 'Takes only the parameters listed; any other is refused with a 400 naming it.',
          security: auth,
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            ...queryParams(rangeOverrideSchema, {
              last: RANGE_DOCS.last,
              from: { description: RANGE_DOCS.from, schema: { type: 'string', format: 'date-time' } },
              to: { description: RANGE_DOCS.to, schema: { type: 'string', format: 'date-time' } },
              tz: RANGE_DOCS.tz,
              customer: CUSTOMER_DOC,
            }),
            customerHeaderParam,
          ],
          responses: {
            '200': { description: 'Result', content: json(ref('ReportResult')) },
            ...errors(400, 401, 403, 404, 503),
          },
        },
      },
      '/api/freshness': {
        get: {
          summary: 'How recent the stored data is, and how much the pipeline has yet to store',
          description:
            "For the token's customer (an admin token names one with ?customer=, or gets every customer's figures without): the newest event time and ingestion time stored and their ages, the indexer group's total lag over every partition (null, with the reason, when Kafka is not configured or unreachable), and whether the data is stale. Cached for about a second; cheap enough to poll every few seconds.",
          security: auth,
          parameters: tenantParams,
          responses: {
            '200': { description: 'Freshness', content: json(ref('Freshness')) },
            ...errors(400, 401, 403, 503),
          },
        },
      },
      '/api/customers': {
        get: {
          summary: 'Every customer with stored records (admin tokens)',
          description:
            'Customer ids with their stored record counts, ordered by id, for choosing which customer an admin token reads (up to 10,000; truncated says when there are more). A customer token gets 403.',
          security: auth,
          parameters: queryParams(customersQuery, { customer: EVERY_CUSTOMER_DOC }),
          responses: {
            '200': {
              description: 'Customers',
              content: json({
                type: 'object',
                required: ['customers', 'truncated'],
                properties: {
                  customers: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id', 'records'],
                      properties: { id: { type: 'string' }, records: { type: 'integer' } },
                    },
                  },
                  truncated: { type: 'boolean' },
                },
              }),
            },
            ...errors(400, 401, 403, 503),
          },
        },
      },
      '/api/exports/audit': {
        get: {
          summary: 'The export audit, newest first (admin tokens)',
          description:
            'One entry per export request: the token’s name (never its secret), customer, format, columns, filters and time range as requested, whether it resumed an earlier export, rows and bytes sent, how it ended (complete, aborted by the client, failed) and when. Paged by `after` (the previous page’s `next`); `customer` narrows to one customer. A customer token gets 403.',
          security: auth,
          parameters: queryParams(auditQuerySchema, {
            limit: `Entries per page (default ${DEFAULT_AUDIT_PAGE})`,
            after: 'next of the previous page',
            customer: 'Only this customer’s exports',
          }),
          responses: {
            '200': {
              description: 'One page of audit entries',
              content: json({
                type: 'object',
                required: ['entries', 'next'],
                properties: {
                  entries: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: [
                        'id',
                        'token',
                        'customer',
                        'started_at',
                        'finished_at',
                        'duration_ms',
                        'format',
                        'rows',
                        'bytes',
                        'outcome',
                      ],
                      properties: {
                        id: { type: 'string' },
                        token: { type: 'string', description: 'The token’s name' },
                        customer: { type: 'string' },
                        started_at: { type: 'string', format: 'date-time' },
                        finished_at: { type: 'string', format: 'date-time' },
                        duration_ms: { type: 'integer' },
                        format: { enum: ['csv', 'ndjson'] },
                        columns: { type: ['array', 'null'], items: { type: 'string' } },
                        filters: { description: 'The filters as requested' },
                        time_from: { type: 'string', format: 'date-time' },
                        time_to: { type: 'string', format: 'date-time' },
                        resumed: { type: 'boolean' },
                        rows: { type: 'integer' },
                        bytes: { type: 'integer' },
                        outcome: { enum: ['complete', 'aborted', 'failed'] },
                        error: { type: ['string', 'null'] },
                      },
                    },
                  },
                  next: {
                    type: ['string', 'null'],
                    description: 'Cursor of the next page; null on the last',
                  },
                },
              }),
            },
            ...errors(400, 401, 403, 503),
          },
        },
      },
      '/api/pipeline': {
        get: {
          summary: 'The live pipeline’s health (admin tokens)',
          description:
            'Per-partition lag of the indexer group and the dead-letter count (read from Kafka; marked unavailable with the reason when it cannot be reached, still 200), each source shard’s cursor and last batch and each firehose partition’s last batch (from the load log), freshness over every customer, and a status: ok, lagging (total lag above thresholds.laggingAboveMessages) or stalled (the lag cannot be read from Kafka, or a partition with lag and no batch committed for thresholds.stalledAfterMs).',
          security: auth,
          parameters: queryParams(pipelineQuery, { customer: EVERY_CUSTOMER_DOC }),
          responses: {
            '200': { description: 'Pipeline health', content: json(ref('PipelineHealth')) },
            ...errors(400, 401, 403, 503),
          },
        },
      },
      '/api/pipeline/metrics': {
        get: {
          summary: 'The pipeline’s health as Prometheus gauges (admin tokens)',
          description:
            'The figures of GET /api/pipeline in the Prometheus text format: sightline_pipeline_status, sightline_kafka_available, sightline_consumer_lag (per partition), sightline_consumer_lag_total, sightline_dead_letters, sightline_last_batch_age_seconds, sightline_shard_cursor, sightline_newest_event_age_seconds, sightline_newest_ingested_age_seconds.',
          security: auth,
          parameters: queryParams(pipelineQuery, { customer: EVERY_CUSTOMER_DOC }),
          responses: {
            '200': {
              description: 'Prometheus text exposition',
              content: { [PROMETHEUS_CONTENT_TYPE.split(';')[0]!]: { schema: { type: 'string' } } },
            },
            ...errors(400, 401, 403, 503),
          },
        },
      },
      '/api/findings': {
        get: {
          summary: 'What is out of the ordinary: the customer’s findings, newest or most severe first',
          description:
            'Findings of the detectors (impossible travel, push fatigue, push spray, brute force, first seen, volume anomalies), ordered by their last evidence, newest first (or as `sort` asks: by first evidence, or by severity), a page at a time. Findings of a pattern muted for their user are stored with status muted and listed only when status asks for them.',
          security: auth,
          parameters: [...findingListParams, customerHeaderParam],
          responses: {
            '200': { description: 'A page of findings', content: json(ref('FindingPage')) },
            ...errors(400, 401, 403, 503),
          },
        },
      },
      ...alertPaths({ auth, tenantParams, json, ref, errors }),
      ...dataHealthPaths({ auth, tenantParams, json, ref, errors }),
      ...findingAuditPaths({ auth, tenantParams, json, ref, errors }),
      '/api/findings/{id}/status': {
        post: {
          summary:
            'Mark a finding open, suspicious or dismissed, and optionally mute its pattern for its user',
          description:
            'The status is stored on the finding (the detector keeps it when it adds evidence) and the change is audited: who (the token’s name), when, from which status to which, the mute and the note. Another customer’s finding is a 404.',
          security: auth,
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            ...tenantParams,
          ],
          requestBody: { required: true, content: json(ref('FindingStatusChange')) },
          responses: {
            '200': { description: 'The finding as now stored', content: json(ref('FindingStatusResult')) },
            ...errors(400, 401, 403, 404, 503),
          },
        },
      },
      '/api/views': {
        get: {
          summary: 'The customer’s saved views, by name',
          description: `Named dashboard addresses (page, range, filters, columns), shared by every token of the customer. ${VIEWS_LIMIT_TEXT}`,
          security: auth,
          parameters: tenantParams,
          responses: {
            '200': { description: 'Every saved view', content: json(ref('SavedViewList')) },
            ...errors(400, 401, 403, 503),
          },
        },
        post: {
          summary: 'Save a view under a name',
          description: `The name is unique per customer regardless of case (a second one is a 409). ${VIEWS_LIMIT_TEXT} The owner is the saving token’s name.`,
          security: auth,
          parameters: tenantParams,
          requestBody: { required: true, content: json(ref('NewSavedView')) },
          responses: {
            '201': { description: 'The view as stored', content: json(ref('SavedView')) },
            ...errors(400, 401, 403, 409, 503),
          },
        },
      },
      '/api/views/{id}': {
        delete: {
          summary: 'Delete a saved view',
          description: 'Another customer’s view is a 404, as if it did not exist.',
          security: auth,
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            ...tenantParams,
          ],
          responses: {
            '200': { description: 'The view as it was', content: json(ref('SavedView')) },
            ...errors(400, 401, 403, 404, 503),
          },
        },
      },
      '/api/logs': {
        get: {
          summary: 'The filtered auth log, one page at a time',
          security: auth,
          parameters: [...logParams, ...tenantParams],
          responses: {
            '200': { description: 'A page of records', content: json(ref('LogResult')) },
            ...errors(400, 401, 403, 503),
          },
        },
      },
      ...exportPaths({
        auth,
        logParams,
        tenantParams,
        definition: ref('ExportDefinition'),
        error: ref('Error'),
        errors,
      }),
    },
  };
}
