import type { OpenApiHelpers } from '../alerts/openapi';
import { queryParams } from '../server/query-params';
import { DEFAULT_FINDING_AUDIT_PAGE, findingAuditQuerySchema } from './audit-params';
import { FINDING_STATUSES, FINDING_TYPES, SETTABLE_STATUSES } from '@sightline/schema/api';

type Json = Record<string, unknown>;

const date = { type: 'string', format: 'date-time' };
const nullable = (type: string) => ({ type: [type, 'null'] });

/** The OpenAPI components of GET /api/findings/audit. */
export const findingAuditSchemas: Record<string, Json> = {
  FindingAuditEntry: {
    type: 'object',
    required: ['id', 'token', 'customer', 'finding', 'type', 'user', 'at', 'from', 'to', 'mute', 'note'],
    properties: {
      id: { type: 'string' },
      token: { type: 'string', description: 'The name (never the secret) of the token that made the change' },
      customer: { type: 'string' },
      finding: { type: 'string', description: 'The finding’s id' },
      type: { enum: [...FINDING_TYPES] },
      user: { ...nullable('string'), description: 'Whom the finding is about' },
      at: date,
      from: { enum: [...FINDING_STATUSES] },
      to: { enum: [...SETTABLE_STATUSES] },
      mute: {
        ...nullable('boolean'),
        description: 'true: the pattern was muted for the user; false: its mute lifted; null: left as it was',
      },
      note: nullable('string'),
    },
  },
  FindingAuditPage: {
    type: 'object',
    required: ['entries', 'next'],
    properties: {
      entries: { type: 'array', items: { $ref: '#/components/schemas/FindingAuditEntry' } },
      next: {
        ...nullable('string'),
        description: 'Cursor of the next page (pass as after); null on the last',
      },
    },
  },
};

/** GET /api/findings/audit, for the server's document. */
export function findingAuditPaths({ auth, json, ref, errors }: OpenApiHelpers): Record<string, Json> {
  return {
    '/api/findings/audit': {
      get: {
        summary: 'The findings audit: who changed which finding’s status when, newest first (admin tokens)',
        description:
          'One entry per status change: the token’s name (never its secret), the finding, its type and user, when, from which status to which, whether the pattern was muted or unmuted for the user, and the note. Paged by `after` (the previous page’s `next`), as the export audit is; `customer` narrows to one customer (without it, every customer’s changes). A customer token gets 403.',
        security: auth,
        parameters: queryParams(findingAuditQuerySchema, {
          limit: `Entries per page (default ${DEFAULT_FINDING_AUDIT_PAGE})`,
          after: 'next of the previous page',
          customer: 'Only this customer’s changes',
          from: 'Changes made at or after this time',
          to: 'Changes made before this time',
          token: 'Changes made by the token of this name',
          user: 'Changes to findings about this user',
          finding: 'Changes to this finding (its id)',
        }),
        responses: {
          '200': { description: 'One page of status changes', content: json(ref('FindingAuditPage')) },
          ...errors(400, 401, 403, 503),
        },
      },
    },
  };
}
