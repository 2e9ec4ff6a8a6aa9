import { loadTokens } from '../auth';
import { createApp } from './app';
import { corsOriginsFromEnv } from './cors';
import { cursorKeyFromEnv } from './cursor-key';
import { createEsClient } from './es';
import { httpLimitsFromEnv } from './http-limits';
import { serveWithLimits } from './listen';
import { EsCounterStore } from './rate-limit/counter-store';
import { SharedRateLimiter } from './rate-limit/limiter';
import { ratePoliciesFromEnv } from './rate-limit/policies';
import { mountProduct } from './product';
import { serveDashboard } from './static';
import { readSecretKey } from '../secrets/key';
import { SecretKeyError } from '../secrets/sealed';
import { pipelineConfigFrom } from '../pipeline/config';
import { summaryCoverageReader } from '../summaries/coverage';
import { kafkaPipelinePort } from '../pipeline/health/kafka-port';

const port = Number(process.env.PORT ?? 8787);
const esUrl = process.env.ES_URL ?? 'http://127.0.0.1:9200';
const staticDir = process.env.SIGHTLINE_STATIC_DIR;

const es = createEsClient(esUrl);
// Webhook secrets are sealed with this key. Without one the API still serves everything else, and
// creating, rotating or testing a webhook answers 503 naming the problem; said here once, at start.
try {
  readSecretKey();
} catch (error) {
  if (!(error instanceof SecretKeyError)) throw error;
  console.error(`sightline api: ${error.message}; webhook secrets are unavailable until it is set`);
}
// Lag is read only where a cluster is named: without one, freshness and pipeline health say so.
const pipeline = process.env.KAFKA_BROKERS ? kafkaPipelinePort(pipelineConfigFrom()) : undefined;
const policies = ratePoliciesFromEnv();
const rateLimits = {
  limiter: new SharedRateLimiter({ store: new EsCounterStore(es) }),
  perToken: policies.perToken,
  failedAuth: policies.failedAuth,
  trustProxy: policies.trustProxy,
};
const app = createApp({
  es,
  rateLimits,
  tokens: loadTokens(),
  cursors: cursorKeyFromEnv(),
  // SIGHTLINE_SUMMARIES=off makes every report read the records (to compare, or to rule summaries out).
  ...(process.env.SIGHTLINE_SUMMARIES === 'off' ? {} : { summaries: summaryCoverageReader(es) }),
  extend: mountProduct(es),
  ...(pipeline ? { pipeline } : {}),
  corsOrigins: corsOriginsFromEnv(),
});

if (staticDir) serveDashboard(app, staticDir);

const server = serveWithLimits(
  { fetch: app.fetch, port, hostname: process.env.HOST ?? '127.0.0.1', limits: httpLimitsFromEnv() },
  (info) => {
    console.log(`sightline api listening on http://${info.address}:${info.port} (Elasticsearch ${esUrl})`);
  },
);

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`sightline api: ${signal}, finishing open requests…`);
  // Stop accepting, let in-flight requests finish, then close Elasticsearch sockets; force after 10 s.
  const force = setTimeout(() => process.exit(1), 10_000).unref();
  server.close(() => {
    void es.close().finally(() => {
      clearTimeout(force);
      process.exit(0);
    });
  });
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
