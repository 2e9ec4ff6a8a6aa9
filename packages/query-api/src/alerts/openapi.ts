import { ALERT_EVENTS, DEFAULT_DELIVERY_PAGE, DELIVERY_STATES, SEVERITIES } from '@sightline/schema/api';
import { bodySchema, CUSTOMER_DOC, customerHeaderParam, queryParams } from '../server/query-params';
import { deliveryListQuerySchema, webhookSettingBodySchema } from './params';

type Json = Record<string, unknown>;

/** What the server's OpenAPI document shares with the parts it assembles. */
export interface OpenApiHelpers {
  auth: Json[];
  tenantParams: Json[];
  json: (schema: Json) => Json;
  ref: (name: string) => Json;
  errors: (...statuses: number[]) => Json;
}

const date = { type: 'string', format: 'date-time' };
const nullable = (type: string) => ({ type: [type, 'null'] });

/** The OpenAPI components of the webhook routes. */
export const alertSchemas: Record<string, Json> = {
  WebhookSettingInput: bodySchema(webhookSettingBodySchema),
  WebhookSetting: {
    type: 'object',
    description: 'A customer’s webhook; its secret is shown only when created or rotated',
    required: [
      'customer',
      'url',
      'minSeverity',
      'enabled',
      'createdAt',
      'updatedAt',
      'updatedBy',
      'secretCreatedAt',
    ],
    properties: {
      customer: { type: 'string' },
      url: { type: 'string' },
      minSeverity: { enum: [...SEVERITIES] },
      enabled: { type: 'boolean' },
      createdAt: date,
      updatedAt: date,
      updatedBy: { type: 'string', description: 'The name of the token that last changed it' },
      secretCreatedAt: date,
    },
  },
  WebhookPutResult: {
    type: 'object',
    required: ['setting', 'created', 'secret'],
    properties: {
      setting: { $ref: '#/components/schemas/WebhookSetting' },
      created: { type: 'boolean' },
      secret: {
        type: ['string', 'null'],
        description: 'The HMAC-SHA256 signing secret, only when the webhook was created (store it now)',
      },
    },
  },
  WebhookSecretResult: {
    type: 'object',
    required: ['setting', 'secret'],
    properties: {
      setting: { $ref: '#/components/schemas/WebhookSetting' },
      secret: { type: 'string', description: 'The new signing secret; the old one stops signing at once' },
    },
  },
  WebhookDelivery: {
    type: 'object',
    description:
      'One message to the webhook, with every attempt. `id` is the idempotency key (Idempotency-Key and X-Sightline-Delivery headers), the same on every attempt.',
    required: [
      'id',
      'customer',
      'event',
      'findingId',
      'severity',
      'state',
      'attemptCount',
      'nextAttemptAt',
      'createdAt',
      'deliveredAt',
      'lastError',
      'attempts',
    ],
    properties: {
      id: { type: 'string' },
      customer: { type: 'string' },
      event: { enum: [...ALERT_EVENTS] },
      findingId: nullable('string'),
      severity: { enum: [...SEVERITIES, null] },
      state: { enum: [...DELIVERY_STATES] },
      attemptCount: { type: 'integer' },
      nextAttemptAt: { type: ['string', 'null'], format: 'date-time' },
      createdAt: date,
      deliveredAt: { type: ['string', 'null'], format: 'date-time' },
      lastError: nullable('string'),
      attempts: {
        type: 'array',
        items: {
          type: 'object',
          required: ['attempt', 'at', 'url', 'durationMs', 'statusCode', 'error', 'outcome'],
          properties: {
            attempt: { type: 'integer', minimum: 1 },
            at: date,
            url: { type: 'string' },
            durationMs: { type: 'integer' },
            statusCode: { type: ['integer', 'null'], description: 'null when no response came back' },
            error: nullable('string'),
            outcome: { enum: ['delivered', 'retry', 'failed'] },
          },
        },
      },
    },
  },
  WebhookDeliveryPage: {
    type: 'object',
    required: ['deliveries', 'nextCursor'],
    properties: {
      deliveries: { type: 'array', items: { $ref: '#/components/schemas/WebhookDelivery' } },
      nextCursor: nullable('string'),
    },
  },
};

const ADMIN =
  'Admin tokens only (a customer token gets 403); the admin names the customer with ?customer= or the X-Sightline-Customer header.';

/** The paths of the webhook routes. */
export function alertPaths(h: OpenApiHelpers): Record<string, Json> {
  const { auth, tenantParams, json, ref, errors } = h;
  const op = (summary: string, description: string, responses: Json, extra: Json = {}) => ({
    summary,
    description: `${description} ${ADMIN}`,
    security: auth,
    parameters: tenantParams,
    ...extra,
    responses,
  });
  return {
    '/api/alerts/webhook': {
      get: op(
        'The customer’s webhook (admin tokens)',
        'Its URL, minimum severity and whether it is on; never the secret.',
        {
          '200': { description: 'The webhook', content: json(ref('WebhookSetting')) },
          ...errors(400, 401, 403, 404, 503),
        },
      ),
      put: op(
        'Create or change the customer’s webhook (admin tokens)',
        'Findings at or above `minSeverity` are POSTed to `url`, signed: `X-Sightline-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` keyed with the secret. Creating returns the secret once (201); a change keeps it (200).',
        {
          '200': { description: 'Changed', content: json(ref('WebhookPutResult')) },
          '201': { description: 'Created, with its secret', content: json(ref('WebhookPutResult')) },
          ...errors(400, 401, 403, 503),
        },
        { requestBody: { required: true, content: json(ref('WebhookSettingInput')) } },
      ),
      delete: op(
        'Delete the customer’s webhook (admin tokens)',
        'Deliveries still pending are cancelled when they fall due.',
        {
          '200': {
            description: 'Deleted',
            content: json({
              type: 'object',
              required: ['deleted'],
              properties: { deleted: { const: true } },
            }),
          },
          ...errors(400, 401, 403, 404, 503),
        },
      ),
    },
    '/api/alerts/webhook/secret': {
      post: op(
        'Rotate the webhook’s signing secret (admin tokens)',
        'Returns the new secret once; every delivery from now on, pending retries included, is signed with it.',
        {
          '200': { description: 'The new secret', content: json(ref('WebhookSecretResult')) },
          ...errors(400, 401, 403, 404, 503),
        },
      ),
    },
    '/api/alerts/webhook/test': {
      post: op(
        'Send a test delivery now (admin tokens)',
        'A signed `webhook.test` event with no finding, sent once (never retried) and audited; the answer says how the receiver answered. A disabled webhook is a 400.',
        {
          '200': { description: 'The test delivery and its attempt', content: json(ref('WebhookDelivery')) },
          ...errors(400, 401, 403, 404, 503),
        },
      ),
    },
    '/api/alerts/webhook/deliveries': {
      get: op(
        'The delivery audit, newest first (admin tokens)',
        'Every delivery with its state and every attempt: when, how long, the status code or the error.',
        {
          '200': { description: 'A page of deliveries', content: json(ref('WebhookDeliveryPage')) },
          ...errors(400, 401, 403, 503),
        },
        {
          parameters: [
            ...queryParams(deliveryListQuerySchema, {
              state: `Comma-separated: ${DELIVERY_STATES.join(', ')}`,
              pageSize: `Deliveries per page (default ${DEFAULT_DELIVERY_PAGE})`,
              cursor: 'nextCursor of the previous page',
              customer: CUSTOMER_DOC,
            }),
            customerHeaderParam,
          ],
        },
      ),
    },
  };
}
