/**
 * Entries per page of the audit trails (exports, finding status changes, webhook deliveries): what a
 * page holds unless asked otherwise, and the most one may hold. Browser-safe: the dashboard pages by it.
 */
export const DEFAULT_AUDIT_PAGE = 50;
export const MAX_AUDIT_PAGE = 200;
