/**
 * The zod schemas of the API's answers and options (the field catalog, report results, data health,
 * pipeline health, export options): the server validates and documents with them (OpenAPI), tests
 * check real answers against them. Kept apart from the other entries because building a zod object
 * schema at load probes whether eval is allowed, which a strict Content-Security-Policy reports.
 */
export * from './catalog';
export * from './result';
export * from './data-health';
export * from './pipeline-health';
export * from './export-options';
