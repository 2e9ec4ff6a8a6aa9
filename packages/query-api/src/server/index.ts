export { createApp, type AppOptions, type AppType } from './app';
export type { AppDeps, AppEnv } from './env';
export { createEsClient, isUnavailable, type SearchPort } from './es';
export { ApiError, handleError, toApiError, type ErrorBody, type ErrorCode } from './errors';
export { authenticate, requireTenant, CUSTOMER_HEADER } from './middleware/auth';
export { validate } from './middleware/validate';
export { runReport, type RunReportDeps } from './run';
export { cursorKeyFromEnv, hmacCursorKey, randomCursorKey, CURSOR_SECRET_ENV } from './cursor-key';
export { logDefinitionFromQuery } from './logs-params';
