import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { timing } from 'hono/timing';
import { createMiddleware } from 'hono/factory';
import { corsOriginsFromEnv } from './cors';
import { randomCursorKey } from './cursor-key';
import type { AppDeps, AppEnv } from './env';
import { ApiError, handleError } from './errors';
import { authenticate, CUSTOMER_HEADER } from './middleware/auth';
import { limitTokenRate, throttleFailedAuth } from './middleware/rate-limit';
import { API_HEADERS, withHeaders } from './middleware/security-headers';
import { openApiDocument } from './openapi';
import { customerRoutes } from './routes/customers';
import { logRoutes } from './routes/logs';
import { fieldRoutes, healthRoutes } from './routes/meta';
import { pipelineRoutes } from './routes/pipeline';
import { reportRoutes } from './routes/reports';

const MAX_BODY_BYTES = 64 * 1024;

export interface AppOptions extends Omit<AppDeps, 'cursors'> {
  /**
   * Signs log and export cursors; main.ts reads it from SIGHTLINE_CURSOR_SECRET. Without one the app
   * makes its own random key, so its cursors are good only for its own lifetime.
   */
  cursors?: AppDeps['cursors'];
  /** Adds authenticated routes under /api (e.g. export); `api` already checks the bearer token. */
  extend?: (api: Hono<AppEnv>, deps: AppDeps) => void;
}

const bodyLimited = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, 'payload_too_large', `request bodies are limited to ${MAX_BODY_BYTES} bytes`);
  },
});

/**
 * Limits request bodies. GET and HEAD carry none, and merely asking the Node adapter's request for its
 * body builds a full WHATWG Request (a large share of a cached report's time), so they skip the check.
 */
const limitBody = createMiddleware<AppEnv>((c, next) =>
  c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : bodyLimited(c, next),
);

/**
 * Runs the CORS middleware only for requests that carry an Origin (every cross-origin request and
 * preflight does). Same-origin and server-to-server calls skip it: it rewrites the finished response's
 * headers, which costs about a quarter of a cached report's time in the API. They still get
 * `Vary: Origin`, so no cache can hand their response to a cross-origin caller.
 */
function crossOriginOnly(handler: MiddlewareHandler<AppEnv>) {
  return createMiddleware<AppEnv>((c, next) => {
    if (c.req.header('Origin') !== undefined) return handler(c, next);
    c.header('Vary', 'Origin');
    return next();
  });
}

/** The routes under /api that need a token; its type is what the typed client is checked against. */
function protectedApi(deps: AppDeps) {
  return new Hono<AppEnv>()
    .route('/fields', fieldRoutes())
    .route('/reports', reportRoutes(deps))
    .route('/logs', logRoutes(deps))
    .route('/customers', customerRoutes(deps))
    .route('/', pipelineRoutes(deps));
}

/**
 * The Sightline API: CORS, one error handler, open /api/health and /api/openapi.json, then bearer auth
 * for everything else. Returns the Hono app; serve its `fetch` anywhere (Node, tests, a worker).
 */
export function createApp(options: AppOptions) {
  const { extend, cursors, ...rest } = options;
  const deps: AppDeps = { ...rest, cursors: cursors ?? randomCursorKey() };
  const openapi = openApiDocument();
  const api = new Hono<AppEnv>()
    .route('/health', healthRoutes(deps))
    .get('/openapi.json', (c) => c.json(openapi))
    .use('*', throttleFailedAuth(deps.rateLimits))
    .use('*', authenticate(deps.tokens))
    .use('*', limitTokenRate(deps.rateLimits))
    .use('*', limitBody);
  extend?.(api, deps);
  const routes = api.route('/', protectedApi(deps));
  const app = new Hono<AppEnv>()
    .use('/api/*', timing())
    .use('/api/*', withHeaders(API_HEADERS))
    .use(
      '/api/*',
      crossOriginOnly(
        cors({
          origin: deps.corsOrigins ?? corsOriginsFromEnv(),
          allowHeaders: ['Authorization', 'Content-Type', CUSTOMER_HEADER],
          exposeHeaders: [
            'Retry-After',
            'Content-Disposition',
            'X-Sightline-Estimated-Rows',
            'RateLimit',
            'RateLimit-Policy',
          ],
          maxAge: 600,
        }),
      ),
    )
    .route('/api', routes);
  app.onError(handleError);
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  );
  return app;
}

export type AppType = ReturnType<typeof createApp>;
