/**
 * The auth log's schema, declared once: its fields (kinds, what filters, groups, sorts and searches
 * them), the record type and its validation, the field catalog, customer ids, interval lengths,
 * time-zone arithmetic and the log's page limits. Browser-safe: no Node built-ins, no server code.
 */
export * from './log/index';
