import type { Client } from '@elastic/elasticsearch';
import type { Hono } from 'hono';
import { EsAlertOutbox } from '../alerts/outbox';
import { alertOnStatusChange, mountAlerts } from '../alerts/route';
import { EsWebhookSettings } from '../alerts/settings-store';
import { mountDataHealth } from '../data-health/route';
import { EsExportSlots } from '../export/es-slots';
import { concurrencyFromEnv } from '../export/limits';
import { mountExports } from '../export/route';
import { mountFindings } from '../findings/route';
import { mountViews } from '../views/route';
import type { AppDeps, AppEnv } from './env';

/**
 * The routes of the product beyond reports and the log, as the API server mounts them (main.ts) and
 * as the test of every answer against the OpenAPI document does: export, findings with their alerts,
 * the webhook, saved views and data health.
 */
export function mountProduct(es: Client): (api: Hono<AppEnv>, deps: AppDeps) => void {
  return (api, deps) => {
    // Export slots live in Elasticsearch, so the per-customer limit holds across instances.
    mountExports(es, { slots: new EsExportSlots(es, concurrencyFromEnv()) })(api, deps);
    // A status change a customer's webhook is to hear of goes into the alert outbox.
    const alerts = new EsAlertOutbox(es, new EsWebhookSettings(es));
    mountFindings(es, undefined, alertOnStatusChange(alerts))(api, deps);
    mountAlerts(es, { settings: alerts.settings, outbox: alerts })(api, deps);
    mountViews(es)(api, deps);
    mountDataHealth(es)(api, deps);
  };
}
