import { z } from 'zod';
import { FRAMES_CONTENT_TYPE } from './frames';
import { exportOptionsSchema } from '@sightline/schema/api-schemas';
import { CONTENT_TYPES, ESTIMATED_ROWS_HEADER } from './run';

type Json = Record<string, unknown>;

/** `text/csv; charset=utf-8` → `text/csv`: the document's keys are media types without parameters. */
const mediaType = (contentType: string) => contentType.split(';')[0]!.trim();

/** One query parameter per export option, its schema and description read off the options' zod schema. */
function optionParams(): Json[] {
  return Object.entries(exportOptionsSchema.shape).map(([name, schema]) => {
    const {
      $schema: _,
      description,
      ...json
    } = z.toJSONSchema(schema, {
      io: 'input',
      target: 'draft-2020-12',
    }) as Json & { description?: string };
    return { name, in: 'query', required: false, description, schema: json };
  });
}

/**
 * GET and POST /api/logs/export. Their answers are files, streamed: every row the filters select, in
 * the log's order (no pages). `logParams` and `tenantParams` are the log's own parameters, `errors`
 * the document's error answers, `definition` a reference to ReportDefinition.
 */
export function exportPaths(o: {
  auth: Json[];
  logParams: Json[];
  tenantParams: Json[];
  definition: Json;
  /** A reference to the error body. */
  error: Json;
  errors: (...statuses: number[]) => Json;
}): Record<string, Json> {
  const file = {
    description: 'The file, streamed as it is read',
    headers: {
      'Content-Disposition': {
        description: 'attachment, with a file name naming the customer and the range',
        schema: { type: 'string' },
      },
      [ESTIMATED_ROWS_HEADER]: {
        description: 'How many rows the export will hold, counted when it started',
        schema: { type: 'integer' },
      },
    },
    content: {
      [mediaType(CONTENT_TYPES.csv)]: { schema: { type: 'string' } },
      // As for the report batch, the schema of NDJSON is that of each line.
      [mediaType(CONTENT_TYPES.ndjson)]: {
        schema: { type: 'object', description: 'One record per line: its fields of the chosen columns' },
      },
      [FRAMES_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  };
  const busy = {
    description:
      'The customer runs its maximum of concurrent exports (code too_many_exports); see Retry-After',
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
    content: { 'application/json': { schema: o.error } },
  };
  const responses = { '200': file, '429': busy, ...o.errors(400, 401, 403, 503) };
  const columns = {
    name: 'columns',
    in: 'query',
    required: false,
    description: 'Comma-separated fields, in the order the file shows them (default: the log view’s columns)',
    schema: { type: 'string' },
  };
  const options = optionParams();
  // The log's paging parameters mean nothing to an export, which always delivers every row.
  const filtering = o.logParams.filter(
    (p) => p.name !== 'pageSize' && p.name !== 'cursor' && p.name !== 'columns',
  );
  return {
    '/api/logs/export': {
      get: {
        summary: 'Export the filtered log as a file',
        description:
          'Every row the log parameters select, in their order. Any filterable field can also be given as <field>=<value>[,<value>…], as for GET /api/logs.',
        security: o.auth,
        parameters: [...filtering, columns, ...options, ...o.tenantParams],
        responses,
      },
      post: {
        summary: 'Export the rows a report definition selects',
        description:
          'The body is a report definition: a log view’s columns and sort shape the file; a bare {timeRange, filters} exports the log view with its defaults.',
        security: o.auth,
        parameters: [columns, ...options, ...o.tenantParams],
        requestBody: { required: true, content: { 'application/json': { schema: o.definition } } },
        responses,
      },
    },
  };
}
