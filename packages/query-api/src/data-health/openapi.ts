import { z } from 'zod';
import type { OpenApiHelpers } from '../alerts/openapi';
import { CUSTOMER_DOC, customerHeaderParam, queryParams } from '../server/query-params';
import { healthRangeQuerySchema, loadsQuerySchema, versionsQuerySchema } from './params';
import {
  DEFAULT_HEALTH_RANGE,
  MAX_HEALTH_RANGE_DAYS,
  MAX_LOAD_STREAMS,
  MAX_VERSION_PERIODS,
  QUALITY_HISTORY_LIMIT,
} from '@sightline/schema/api';
import { loadsSchema, qualitySchema, sourcesSchema, versionsSchema } from '@sightline/schema/api-schemas';

type Json = Record<string, unknown>;

/** The data-health answers' schemas, each named by its zod `meta({ id })`, as components. */
export function dataHealthSchemas(): Record<string, Json> {
  const defs: Record<string, Json> = {};
  for (const schema of [loadsSchema, sourcesSchema, qualitySchema, versionsSchema]) {
    const { $defs = {} } = z.toJSONSchema(schema, { io: 'output', target: 'draft-2020-12' }) as Json & {
      $defs?: Record<string, Json>;
    };
    Object.assign(
      defs,
      JSON.parse(JSON.stringify($defs).replace(/"#\/\$defs\/([^"]+)"/g, '"#/components/schemas/$1"')),
    );
  }
  return defs;
}

/** What the range parameters every data-health route takes mean. */
const RANGE = {
  last: `Relative range ending now, e.g. '24h', '7d' (default ${DEFAULT_HEALTH_RANGE}, at most ${MAX_HEALTH_RANGE_DAYS} days)`,
  from: 'Start, ISO 8601 with offset; needs `to`',
  to: `End, ISO 8601 with offset; at most ${MAX_HEALTH_RANGE_DAYS} days after from`,
  customer: CUSTOMER_DOC,
};
const ADMIN =
  'Admin tokens only (a customer token gets 403). An unknown parameter, a malformed or reversed range, or one longer than the limit is a 400 naming it.';

/** The paths of the data-health routes. */
export function dataHealthPaths(h: OpenApiHelpers): Record<string, Json> {
  const { auth, json, ref, errors } = h;
  const op = (summary: string, description: string, schema: string, query: Json[]) => ({
    get: {
      summary,
      description: `${description} ${ADMIN}`,
      security: auth,
      parameters: [...query, customerHeaderParam],
      responses: {
        '200': { description: summary, content: json(ref(schema)) },
        ...errors(400, 401, 403, 503),
      },
    },
  });
  return {
    '/api/data-health/loads': op(
      'Loads over time, from the load log',
      `Rows read, stored, duplicates, flagged and rejected, and batches, per hour of commit time (UTC), per loader (sink, batcher, file) and per stream, the ${MAX_LOAD_STREAMS} with the most rows read (otherSources counts the rest). Every customer's: streams carry every customer's records.`,
      'DataHealthLoads',
      queryParams(loadsQuerySchema, {
        ...RANGE,
        stream: 'Only streams starting with this: one source, or the partitions of one topic',
      }),
    ),
    '/api/data-health/sources': op(
      'Freshness and lag per source',
      "Each stream that loaded in the range or in the freshness check's look-back: its last batch and position, newest event and ingestion times with their ages, the freshness check's verdict now, and for a firehose partition its lag; with the pipeline's status and reasons as GET /api/pipeline gives them, and freshness for the customer named (every customer without one).",
      'DataHealthSources',
      queryParams(healthRangeQuerySchema, RANGE),
    ),
    '/api/data-health/quality': op(
      'The quality checks: latest result and history',
      `Each check (check, source, subject) measured in the range with its latest result (severity, policy, kind, status, measured against its threshold) and up to ${QUALITY_HISTORY_LIMIT} results newest first, worst latest status first. With a customer named: the streams' checks and that customer's own.`,
      'DataHealthQuality',
      queryParams(healthRangeQuerySchema, RANGE),
    ),
    '/api/data-health/versions': op(
      'Versions of each period, with fingerprints and differences',
      `Per month of event time (the range's months and every month with a rebuild, the newest ${MAX_VERSION_PERIODS}; or the one named by period): the version in use, every version with its state and its fingerprint computed now, and its differences from the version in use as the switch compares them, each marked when past the switch's threshold; the last switch or rollback. Versions hold every customer's records.`,
      'DataHealthVersions',
      queryParams(versionsQuerySchema, {
        ...RANGE,
        period: 'One month, YYYY.MM or YYYY-MM, instead of the range’s months',
      }),
    ),
  };
}
