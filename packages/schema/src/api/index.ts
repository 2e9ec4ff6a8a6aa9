/**
 * The HTTP API's types and limits beside reports: findings and their audit, alerts and webhooks,
 * saved views, data health, the export audit and the customer list. Types and constants only (no zod
 * schema is built when this loads), so a page can import them under a strict Content-Security-Policy.
 */
export * from './findings/finding';
export * from './findings/types';
export * from './findings/audit-types';
export * from './alerts/types';
export * from './alerts/limits';
export * from './alerts/url';
export * from './views/types';
export * from './views/limits';
export * from './data-health/limits';
export * from './export/audit-limits';
export * from './export/audit-types';
export * from './customers/types';
export type * from '../api-schemas/data-health';
export type * from '../api-schemas/pipeline-health';
