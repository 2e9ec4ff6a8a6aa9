import type { Principal, TokenStore } from '../auth';
import type { PipelinePort } from '@sightline/schema/api-schemas';
import type { CursorKey } from '@sightline/schema/reports';
import type { SummaryCoverageReader } from '../summaries/coverage';
import type { SearchPort } from './es';
import type { RateLimits } from './middleware/rate-limit';

/** What the app is built from: no globals, so tests and embedders compose their own. */
export interface AppDeps {
  es: SearchPort;
  tokens: TokenStore;
  /** The clock; injected so reports over relative ranges are reproducible in tests. */
  now?: () => Date;
  /** Origins allowed to call the API from a browser (the dashboard's dev server). */
  corsOrigins?: string[];
  /** Signs and checks log and export cursors (see cursorKeyFromEnv). */
  cursors: CursorKey;
  /** Per-token request and per-address failed-authentication limits; none when left out. */
  rateLimits?: RateLimits;
  /**
   * How far the hourly summaries reach, read for each report (main.ts: summaryCoverageReader);
   * without it every report reads the records.
   */
  summaries?: SummaryCoverageReader;
  /** Kafka lag of the indexer group, for /api/freshness and /api/pipeline; absent: reported unknown. */
  pipeline?: PipelinePort;
}

/** Hono variables set by the middleware. */
export interface AppEnv {
  Variables: {
    principal: Principal;
    /** The customer every query of this request is scoped to. */
    tenant: string;
  };
}
