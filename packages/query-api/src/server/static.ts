import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';
import { DASHBOARD_HEADERS, withHeaders } from './middleware/security-headers';

/**
 * Serves the built dashboard from `dir` next to the API, every page and asset with the dashboard's
 * security headers; client-side routes all load its index.html.
 */
export function serveDashboard(app: Hono<AppEnv>, dir: string): void {
  if (!existsSync(dir)) throw new Error(`the dashboard build ${dir} does not exist`);
  // serveStatic resolves `root` against the working directory.
  const root = relative(process.cwd(), dir) || '.';
  const headers = withHeaders(DASHBOARD_HEADERS);
  const files = serveStatic({ root });
  const index = serveStatic({ root, path: 'index.html' });
  // An unknown /api path is the API's 404, never the dashboard's page.
  const dashboard =
    (handler: MiddlewareHandler): MiddlewareHandler =>
    (c, next) =>
      c.req.path === '/api' || c.req.path.startsWith('/api/') ? next() : handler(c, next);
  app.use('/*', dashboard(headers), dashboard(files));
  app.get('/*', dashboard(index));
}
