import { z } from 'zod';
import {
  DEFAULT_DELIVERY_PAGE,
  DELIVERY_STATES,
  MAX_DELIVERY_PAGE,
  MAX_WEBHOOK_URL_LENGTH,
  SEVERITIES,
  webhookUrlProblem,
} from '@sightline/schema/api';
import { customerParam } from '../server/query-params';

/** PUT /alerts/webhook: where to send, from which severity, and whether sending is on (default on). */
export const webhookSettingBodySchema = z.strictObject({
  url: z
    .string()
    .superRefine((url, ctx) => {
      const problem = webhookUrlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .meta({
      maxLength: MAX_WEBHOOK_URL_LENGTH,
      description:
        'https, or http only to loopback (127.0.0.1, [::1], localhost) for tests and development; no credentials, no fragment',
    }),
  minSeverity: z.enum(SEVERITIES).describe('Findings of this severity or above are sent'),
  enabled: z.boolean().default(true),
});
export type WebhookSettingBody = z.output<typeof webhookSettingBodySchema>;

/** Routes without parameters of their own still take the customer an admin names. */
export const alertTenantQuerySchema = z.strictObject({ customer: customerParam });

const cursor = z
  .string()
  .max(1024)
  .transform((raw, ctx) => {
    try {
      return z
        .tuple([z.number(), z.string()])
        .parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a deliveries page cursor' });
      return z.NEVER;
    }
  });

/** GET /alerts/webhook/deliveries: newest first, optionally only some states. */
export const deliveryListQuerySchema = z.strictObject({
  state: z
    .string()
    .transform((raw) => raw.split(',').map((v) => v.trim()))
    .pipe(z.array(z.enum(DELIVERY_STATES)).min(1))
    .optional(),
  pageSize: z.coerce.number().int().min(1).max(MAX_DELIVERY_PAGE).default(DEFAULT_DELIVERY_PAGE),
  cursor: cursor.optional(),
  customer: customerParam,
});
export type DeliveryListQuery = z.output<typeof deliveryListQuerySchema>;
