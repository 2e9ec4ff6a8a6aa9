import type { Client } from '@elastic/elasticsearch';
import { EsFindingStore } from '../findings/store';
import type { DeliveryAttempt, StoredFinding, WebhookPayload } from '@sightline/schema/api';
import { describeError, retryDelay, sleepUnlessStopped } from '../pipeline/kafka/retry';
import { DEFAULT_DELIVERY_POLICY, retryDelayMs, type DeliveryPolicy } from './backoff';
import { EsAlertOutbox, type DueDelivery, type StoredDelivery } from './outbox';
import { sendWebhook } from './send';
import { SealedSecretError } from '../secrets/sealed';
import { EsWebhookSettings, type StoredWebhookSetting } from './settings-store';

export interface DelivererOptions {
  es: Client;
  settings?: EsWebhookSettings;
  outbox?: EsAlertOutbox;
  /** Where the findings are read from, to send each as it is now stored. */
  findings?: EsFindingStore;
  policy?: DeliveryPolicy;
  /** Aborting finishes the attempts in hand, then stops. */
  signal: AbortSignal;
  /** How often the outbox is asked for due deliveries when it had none. */
  pollMs?: number;
  /** Deliveries attempted at once. */
  concurrency?: number;
  fetch?: typeof fetch;
  now?: () => number;
  log: (line: string) => void;
}

export interface DelivererTotals {
  attempts: number;
  delivered: number;
  failed: number;
  cancelled: number;
}

export const DELIVERER_DEFAULTS = { pollMs: 1000, concurrency: 8 } as const;
/** A claim outlives the attempt's timeout by this much, covering the writes around it. */
const LEASE_MARGIN_MS = 30_000;

/**
 * The deliverer: claims due deliveries from the outbox, sends each signed to its customer's webhook as
 * set now (URL, secret, enabled), and records the attempt: delivered on a 2xx, otherwise retried with
 * backoff until the policy's last attempt. Several deliverers may run: each claim is won by one.
 */
export async function runDeliverer(options: DelivererOptions): Promise<DelivererTotals> {
  const { es, signal, log } = options;
  const policy = options.policy ?? DEFAULT_DELIVERY_POLICY;
  const settings = options.settings ?? new EsWebhookSettings(es);
  const outbox = options.outbox ?? new EsAlertOutbox(es, settings);
  const findings = options.findings ?? new EsFindingStore(es);
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? DELIVERER_DEFAULTS.pollMs;
  const concurrency = options.concurrency ?? DELIVERER_DEFAULTS.concurrency;
  const totals: DelivererTotals = { attempts: 0, delivered: 0, failed: 0, cancelled: 0 };
  const iso = (ms: number) => new Date(ms).toISOString();
  // Without a key no delivery can be signed: say so once, at start, rather than fail each one.
  settings.secretKey();
  const openedSecret = (setting: StoredWebhookSetting): string | { error: string } => {
    try {
      return settings.signingSecret(setting);
    } catch (error) {
      if (error instanceof SealedSecretError) return { error: error.message };
      throw error;
    }
  };

  const finish = async (delivery: StoredDelivery, reason: string) => {
    await outbox.save({ ...delivery, state: 'cancelled', nextAttemptAt: null, lastError: reason });
    totals.cancelled += 1;
    log(`alerts: ${delivery.id} for ${delivery.customer} cancelled: ${reason}`);
  };

  const deliver = async (due: DueDelivery) => {
    if (!(await outbox.claim(due, iso(now() + policy.timeoutMs + LEASE_MARGIN_MS)))) return;
    const delivery = due.delivery;
    const setting = await settings.get(delivery.customer);
    if (!setting) return finish(delivery, 'the customer has no webhook any more');
    if (!setting.enabled) return finish(delivery, 'the webhook is disabled');
    // A new finding goes out as it is stored now; a status change as it was made.
    const stored =
      delivery.event === 'finding.created' && delivery.findingId
        ? await findings.get(delivery.customer, delivery.findingId)
        : null;
    if (stored?.status === 'muted') return finish(delivery, 'the finding is muted for its user');
    const payload: WebhookPayload = {
      id: delivery.id,
      event: delivery.event,
      customer: delivery.customer,
      createdAt: delivery.createdAt,
      finding: stored ?? fromSnapshot(delivery),
    };
    const attempt = delivery.attemptCount + 1;
    const at = now();
    const secret = openedSecret(setting);
    // A secret that does not open (sealed under another key, or altered) is an attempt that failed
    // with the reason in the audit, retried with backoff like any other: fixing the key resumes it.
    const result =
      typeof secret === 'string'
        ? await sendWebhook(
            {
              url: setting.url,
              secret,
              id: delivery.id,
              event: delivery.event,
              attempt,
              body: JSON.stringify(payload),
            },
            policy.timeoutMs,
            options.fetch,
            now,
          )
        : { ok: false, statusCode: null, error: secret.error, durationMs: 0 };
    const outcome = result.ok ? 'delivered' : attempt >= policy.maxAttempts ? 'failed' : 'retry';
    const entry: DeliveryAttempt = {
      attempt,
      at: iso(at),
      url: setting.url,
      durationMs: result.durationMs,
      statusCode: result.statusCode,
      error: result.error,
      outcome,
    };
    await outbox.save({
      ...delivery,
      state: outcome === 'retry' ? 'pending' : outcome,
      attemptCount: attempt,
      attempts: [...delivery.attempts, entry],
      nextAttemptAt: outcome === 'retry' ? iso(now() + retryDelayMs(attempt, policy)) : null,
      deliveredAt: result.ok ? iso(now()) : null,
      lastError: result.error,
    });
    totals.attempts += 1;
    if (outcome === 'delivered') totals.delivered += 1;
    if (outcome === 'failed') totals.failed += 1;
    log(
      `alerts: ${delivery.id} for ${delivery.customer} attempt ${attempt}: ${result.ok ? `delivered (${result.statusCode})` : `${result.error}${outcome === 'failed' ? ', giving up' : ', will retry'}`} in ${result.durationMs} ms`,
    );
  };

  let failures = 0;
  while (!signal.aborted) {
    try {
      const due = await outbox.due(iso(now()), concurrency);
      failures = 0;
      if (due.length === 0) {
        await sleepUnlessStopped(pollMs, signal).catch(() => undefined);
        continue;
      }
      await Promise.all(
        due.map((d) =>
          // A delivery whose attempt could not be recorded is sent again when its lease expires.
          deliver(d).catch((error: unknown) => log(`alerts: ${d.delivery.id}: ${describeError(error)}`)),
        ),
      );
    } catch (error) {
      const ms = retryDelay(failures++);
      log(
        `alerts: reading the outbox failed (${describeError(error)}); retrying in ${(ms / 1000).toFixed(1)} s`,
      );
      await sleepUnlessStopped(ms, signal).catch(() => undefined);
    }
  }
  log(
    `alerts: stopped after ${totals.attempts} attempts: ${totals.delivered} delivered, ${totals.failed} failed, ${totals.cancelled} cancelled`,
  );
  return totals;
}

/**
 * The finding as recorded with the event: a status change's finding as changed, or a new finding as
 * found when the stored one cannot be read (deleted, or its index gone).
 */
function fromSnapshot(delivery: StoredDelivery): StoredFinding | null {
  if (!delivery.snapshot) return null;
  if ('status' in delivery.snapshot) return delivery.snapshot as StoredFinding;
  return {
    ...delivery.snapshot,
    status: 'open',
    updatedAt: delivery.createdAt,
    statusChangedAt: null,
    statusChangedBy: null,
  };
}
