import { z } from 'zod';

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/**
 * Export options, read from the query string of GET and POST /api/logs/export; everything else in a
 * GET's query string is the log's own filter and time range parameters. The descriptions are the
 * OpenAPI document's (export/openapi.ts).
 */
export const exportOptionsSchema = z.object({
  format: z.enum(['csv', 'ndjson']).default('csv').describe('File format'),
  bom: flag.default(false).describe('Start a CSV with a byte order mark, for spreadsheets that need one'),
  escapeFormulae: flag
    .default(true)
    .describe('Prefix CSV values a spreadsheet would run as a formula (=, +, -, @) with an apostrophe'),
  frames: flag
    .default(false)
    .describe('The resumable framed transport the CLI uses (application/x-sightline-export-frames)'),
  marker: flag
    .default(false)
    .describe(
      'End NDJSON with a {"_sightline":…} line saying whether the file is whole. Off by default: tools that read NDJSON count every line as a record; without it a failure cuts the connection instead.',
    ),
  after: z
    .string()
    .min(1)
    .max(4096)
    .optional()
    .describe('Resume after this position (from a cut-off framed export)'),
});
