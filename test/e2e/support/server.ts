import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { EsAlertOutbox } from '../../../packages/query-api/src/alerts/outbox';
import { alertOnStatusChange, mountAlerts } from '../../../packages/query-api/src/alerts/route';
import { EsWebhookSettings } from '../../../packages/query-api/src/alerts/settings-store';
import { createTokenStore, hashToken, type TokenStore } from '../../../packages/query-api/src/auth';
import { mountExports } from '../../../packages/query-api/src/export/route';
import { mountFindings } from '../../../packages/query-api/src/findings/route';
import { mountViews } from '../../../packages/query-api/src/views/route';
import { mountDataHealth } from '../../../packages/query-api/src/data-health/route';
import { createApp, createEsClient } from '../../../packages/query-api/src/server';
import { serveDashboard } from '../../../packages/query-api/src/server/static';
import { summaryCoverageReader } from '../../../packages/query-api/src/summaries/coverage';

const DASHBOARD = fileURLToPath(new URL('../../../apps/dashboard', import.meta.url));

/**
 * Builds the dashboard as `npm run build -w @sightline/dashboard` does, so the tests see the current code.
 * NODE_ENV is forced to production: Vitest sets it to "test", and Vite would then bundle React's
 * development build, several times slower, into what the tests and the benchmark measure.
 */
export function buildDashboard(): string {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
    cwd: DASHBOARD,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return `${DASHBOARD}/dist`;
}

export interface DashboardServer {
  url: string;
  token: string;
  /** An admin token: it reads any customer it names. */
  adminToken: string;
  /** Makes the token invalid from now on, as an expired or revoked one is. */
  revoke: () => void;
  close: () => Promise<void>;
}

/** The real API (with export, findings and alerts) serving the built dashboard, as `npm start` runs it, on a free port. */
export async function startDashboardServer(
  customer: string,
  staticDir: string,
  { summaries = false }: { summaries?: boolean } = {},
): Promise<DashboardServer> {
  const token = `e2e-dashboard-${customer}`;
  let revoked = false;
  const adminToken = `e2e-dashboard-admin-${customer}`;
  const inner = createTokenStore([
    { name: 'e2e', sha256: hashToken(token), customer, admin: false },
    { name: 'e2e-admin', sha256: hashToken(adminToken), customer: null, admin: true },
  ]);
  const tokens: TokenStore = { size: inner.size, verify: (t) => (revoked ? null : inner.verify(t)) };
  const es = createEsClient(process.env.ES_URL ?? 'http://127.0.0.1:9200');
  const app = createApp({
    es,
    tokens,
    // Off by default: the tests' records are fresh, and the summariser is not running beside them.
    ...(summaries ? { summaries: summaryCoverageReader(es) } : {}),
    extend: (api, deps) => {
      mountExports(es)(api, deps);
      // As the API's main wires them: a status change is told to the customer's webhook, if it has one.
      const alerts = new EsAlertOutbox(es, new EsWebhookSettings(es));
      mountFindings(es, undefined, alertOnStatusChange(alerts))(api, deps);
      mountAlerts(es, { settings: alerts.settings, outbox: alerts })(api, deps);
      mountViews(es)(api, deps);
      mountDataHealth(es)(api, deps);
    },
  });
  serveDashboard(app, staticDir);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    adminToken,
    revoke: () => {
      revoked = true;
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await es.close();
    },
  };
}
