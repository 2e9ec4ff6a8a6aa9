import { VOLUME_ANOMALY } from '../detection/thresholds';
import { DEFAULT_FINDINGS_PAGE, findingListQuerySchema, findingStatusBodySchema } from './params';
import { bodySchema, CUSTOMER_DOC, queryParams } from '../server/query-params';
import {
  DEFAULT_FINDING_SORT,
  FINDING_SORTS,
  FINDING_STATUSES,
  FINDING_TYPES,
  SEVERITIES,
} from '@sightline/schema/api';

type Json = Record<string, unknown>;

const date = { type: 'string', format: 'date-time' };
const nullable = (type: string) => ({ type: [type, 'null'] });

/** The OpenAPI components of the findings routes. */
export const findingSchemas: Record<string, Json> = {
  Finding: {
    type: 'object',
    description:
      'What a detector found, with the evidence (txids, at most 50; evidenceCount counts them all) and the admin’s status. `details` depends on `type`.',
    required: [
      'id',
      'customer',
      'type',
      'severity',
      'score',
      'reason',
      'user',
      'address',
      'firstSeen',
      'lastSeen',
      'evidence',
      'evidenceCount',
      'details',
      'status',
      'updatedAt',
      'statusChangedAt',
      'statusChangedBy',
    ],
    properties: {
      id: { type: 'string' },
      customer: { type: 'string' },
      type: { enum: [...FINDING_TYPES] },
      severity: { enum: [...SEVERITIES] },
      score: { type: 'number', minimum: 0, maximum: 100 },
      reason: {
        type: 'string',
        description: 'Plain words, e.g. "9 unanswered pushes in 4 minutes, then approved"',
      },
      user: nullable('string'),
      address: nullable('string'),
      firstSeen: date,
      lastSeen: date,
      evidence: { type: 'array', items: { type: 'string' } },
      evidenceCount: { type: 'integer' },
      details: {
        type: 'object',
        description: `Depends on \`type\`. For volume_anomaly, one finding per incident (a run of anomalous hours and six-hour windows of the customer): dimension, value, hour, hours, count, expected and baselineShare name its leading value; until is the end of the incident (ISO); also lists its other anomalous values as { dimension, value, count, expected }, most significant first, at most ${VOLUME_ANOMALY.maxAlso}. For source_risk, what the source (Duo) itself flagged on the evidence: source, attacks (its detectors, e.g. NOVEL_ASN, USER_MARKED_FRAUD), trustLevel, sourceReason, succeeded. impossible_travel carries sourceConcurs ({ txid, attacks, trustLevel, velocity }) where the source flagged the hop's records too.`,
      },
      status: { enum: [...FINDING_STATUSES] },
      updatedAt: date,
      statusChangedAt: { type: ['string', 'null'], format: 'date-time' },
      statusChangedBy: nullable('string'),
    },
  },
  FindingPage: {
    type: 'object',
    required: ['findings', 'nextCursor'],
    properties: {
      findings: { type: 'array', items: { $ref: '#/components/schemas/Finding' } },
      nextCursor: nullable('string'),
    },
  },
  FindingStatusChange: bodySchema(findingStatusBodySchema),
  FindingStatusResult: {
    type: 'object',
    required: ['finding', 'muted'],
    properties: { finding: { $ref: '#/components/schemas/Finding' }, muted: { type: 'boolean' } },
  },
};

const list = (values: readonly string[]) => ({
  type: 'string',
  description: `Comma-separated: ${values.join(', ')}`,
});

/** The query parameters of GET /api/findings, as findingListQuerySchema takes them. */
export const findingListParams = queryParams(findingListQuerySchema, {
  type: { description: 'Finding types', schema: list(FINDING_TYPES) },
  status: { description: 'Statuses; without it every status but muted', schema: list(FINDING_STATUSES) },
  severity: 'The least severity listed',
  user: 'The user the findings are about',
  from: 'Findings whose evidence ends at or after this time',
  to: 'Findings whose evidence starts before this time',
  sort: {
    description: `The order, each newest first: last_seen (by the last evidence, the default), first_seen (by the first evidence), severity (critical, high, medium, low, and within one severity by the last evidence). Findings that tie are ordered by id, so paging neither skips nor repeats one. An unknown value is a 400.`,
    schema: { enum: [...FINDING_SORTS], default: DEFAULT_FINDING_SORT },
  },
  pageSize: `Findings per page (default ${DEFAULT_FINDINGS_PAGE})`,
  cursor: 'nextCursor of the previous page, asked with the same sort (another sort is a 400)',
  customer: CUSTOMER_DOC,
});
