import { z } from 'zod';

/**
 * The resumable transport (`frames=1`), used by the CLI: one JSON object per line, each carrying a
 * slice of the export file and the cursor after its last row, so an interrupted download can be cut
 * back to the last whole frame and continued with `after=`. The file's bytes are identical to a plain export.
 */
export const exportFrameSchema = z.union([
  z.strictObject({ data: z.string(), after: z.string().min(1), rows: z.number().int().nonnegative() }),
  z.strictObject({ data: z.string(), end: z.literal('complete'), rows: z.number().int().nonnegative() }),
  z.strictObject({ end: z.literal('failed'), error: z.string(), rows: z.number().int().nonnegative() }),
]);

export type ExportFrame = z.infer<typeof exportFrameSchema>;

/** Rows per frame: the most a resumed export has to fetch again. */
export const FRAME_ROWS = 500;

export const FRAMES_CONTENT_TYPE = 'application/x-sightline-export-frames';

export function encodeFrame(frame: ExportFrame): string {
  return JSON.stringify(frame) + '\n';
}

export function parseFrame(line: string): ExportFrame {
  return exportFrameSchema.parse(JSON.parse(line));
}
