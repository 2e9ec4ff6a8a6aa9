import { randomUUID } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppDeps, AppEnv } from '../server/env';
import { ApiError } from '../server/errors';
import { requireTenant } from '../server/middleware/auth';
import { validate } from '../server/middleware/validate';
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './backoff';
import { EsAlertOutbox, withoutSnapshot, type StoredDelivery } from './outbox';
import { alertTenantQuerySchema, deliveryListQuerySchema, webhookSettingBodySchema } from './params';
import { sendWebhook } from './send';
import { EsWebhookSettings, publicSetting } from './settings-store';
import { SealedSecretError, SecretKeyError } from '../secrets/sealed';
import type { StoredFinding, WebhookPayload } from '@sightline/schema/api';

const adminOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get('principal').admin)
    throw new ApiError(403, 'forbidden', 'webhook alerts are set by admin tokens');
  await next();
});

/**
 * Sealing or opening a webhook secret needs the secret key: without it, or with another key than the
 * secret was sealed with, the route says so (503: the server's configuration, not the request).
 */
async function withSecretKey<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SecretKeyError || error instanceof SealedSecretError)
      throw new ApiError(503, 'unavailable', `webhook secrets are unavailable: ${error.message}`);
    throw error;
  }
}

const noWebhook = (customer: string) =>
  new ApiError(
    404,
    'not_found',
    `customer ${customer} has no webhook; create one with PUT /api/alerts/webhook`,
  );

export interface AlertRouteOptions {
  settings: EsWebhookSettings;
  outbox: EsAlertOutbox;
  /** Its timeout bounds a test delivery. */
  policy?: DeliveryPolicy;
  fetch?: typeof fetch;
  now?: () => Date;
}

/**
 * The customer's webhook, for admin tokens naming the customer (?customer= or X-Sightline-Customer):
 * GET, PUT and DELETE /alerts/webhook, POST /alerts/webhook/secret (rotate) and /alerts/webhook/test,
 * GET /alerts/webhook/deliveries (the audit). Every route reads and writes only the named customer's.
 */
export function alertRoutes(options: AlertRouteOptions) {
  const { settings, outbox } = options;
  const policy = options.policy ?? DEFAULT_DELIVERY_POLICY;
  const now = options.now ?? (() => new Date());
  return new Hono<AppEnv>()
    .use('/alerts/*', adminOnly, requireTenant())
    .get('/alerts/webhook', validate('query', alertTenantQuerySchema), async (c) => {
      const stored = await settings.get(c.get('tenant'));
      if (!stored) throw noWebhook(c.get('tenant'));
      return c.json(publicSetting(stored));
    })
    .put(
      '/alerts/webhook',
      validate('query', alertTenantQuerySchema),
      validate('json', webhookSettingBodySchema),
      async (c) => {
        const result = await withSecretKey(() =>
          settings.put(c.get('tenant'), c.req.valid('json'), c.get('principal').name, now().toISOString()),
        );
        return c.json(result, result.created ? 201 : 200);
      },
    )
    .delete('/alerts/webhook', validate('query', alertTenantQuerySchema), async (c) => {
      if (!(await settings.delete(c.get('tenant')))) throw noWebhook(c.get('tenant'));
      return c.json({ deleted: true });
    })
    .post('/alerts/webhook/secret', validate('query', alertTenantQuerySchema), async (c) => {
      const rotated = await withSecretKey(() =>
        settings.rotate(c.get('tenant'), c.get('principal').name, now().toISOString()),
      );
      if (!rotated) throw noWebhook(c.get('tenant'));
      return c.json(rotated);
    })
    .post('/alerts/webhook/test', validate('query', alertTenantQuerySchema), async (c) => {
      const customer = c.get('tenant');
      const setting = await settings.get(customer);
      if (!setting) throw noWebhook(customer);
      if (!setting.enabled)
        throw new ApiError(
          400,
          'invalid_request',
          `the webhook of ${customer} is disabled; enable it (PUT with enabled: true) to send a test`,
        );
      const secret = await withSecretKey(async () => settings.signingSecret(setting));
      const at = now().toISOString();
      const id = randomUUID().replaceAll('-', '');
      const payload: WebhookPayload = { id, event: 'webhook.test', customer, createdAt: at, finding: null };
      const result = await sendWebhook(
        {
          url: setting.url,
          secret,
          id,
          event: 'webhook.test',
          attempt: 1,
          body: JSON.stringify(payload),
        },
        policy.timeoutMs,
        options.fetch,
      );
      // A test is sent once, never retried: the admin sees the answer at once.
      const delivery = {
        id,
        customer,
        event: 'webhook.test',
        findingId: null,
        severity: null,
        state: result.ok ? 'delivered' : 'failed',
        attemptCount: 1,
        nextAttemptAt: null,
        createdAt: at,
        deliveredAt: result.ok ? now().toISOString() : null,
        lastError: result.error,
        attempts: [
          {
            attempt: 1,
            at,
            url: setting.url,
            durationMs: result.durationMs,
            statusCode: result.statusCode,
            error: result.error,
            outcome: result.ok ? 'delivered' : 'failed',
          },
        ],
        snapshot: null,
      } satisfies StoredDelivery;
      await outbox.recordTest(delivery);
      return c.json(withoutSnapshot(delivery));
    })
    .get('/alerts/webhook/deliveries', validate('query', deliveryListQuerySchema), async (c) =>
      c.json(await outbox.list(c.get('tenant'), c.req.valid('query'))),
    );
}

/** For mountFindings: records each status change a customer's webhook is to hear of. */
export function alertOnStatusChange(outbox: EsAlertOutbox) {
  return async (finding: StoredFinding): Promise<void> => {
    await outbox.enqueueStatusChange(finding);
  };
}

/** For createApp's `extend`: mounts the webhook routes on the authenticated /api app. */
export function mountAlerts(
  es: Client,
  options: Partial<AlertRouteOptions> = {},
): (api: Hono<AppEnv>, deps: AppDeps) => void {
  const settings = options.settings ?? new EsWebhookSettings(es);
  const outbox = options.outbox ?? new EsAlertOutbox(es, settings);
  return (api, deps) => {
    api.route('/', alertRoutes({ ...options, settings, outbox, ...(deps.now ? { now: deps.now } : {}) }));
  };
}
