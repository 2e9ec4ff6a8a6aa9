import { hmacCursorKey } from '../server/cursor-key';
import type { CompileOptions } from './compile';
import {
  reportDefinitionSchema,
  type NormalizedReportDefinition,
  type ReportDefinition,
} from '@sightline/schema/reports';

/** Fixed clock for compiler tests: 10:15:30 UTC, so relative ranges round up to 10:16. */
export const NOW = new Date('2026-11-20T10:15:30.000Z');
export const TENANT = 'acme';
/** The server's cursor key, as compile and parse are given it. */
export const OPTIONS: CompileOptions = { cursors: hmacCursorKey('test secret, at least 32 characters long') };

export function normalized(def: ReportDefinition): NormalizedReportDefinition {
  return reportDefinitionSchema.parse(def);
}
