import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { z } from 'zod';

/** Next to the output file while an export is unfinished; gone once it completes. */
export const SIDECAR_SUFFIX = '.sightline-resume.json';

export function sidecarPath(out: string): string {
  return out + SIDECAR_SUFFIX;
}

/** What is asked of the API, with the time range already pinned to absolute times. */
export const exportSpecSchema = z.strictObject({
  url: z.string().min(1),
  format: z.enum(['csv', 'ndjson']),
  columns: z.array(z.string()).optional(),
  bom: z.boolean(),
  escapeFormulae: z.boolean(),
  customer: z.string().optional(),
  timeRange: z.strictObject({ from: z.string(), to: z.string() }),
  filters: z.unknown().optional(),
});
export type ExportSpec = z.infer<typeof exportSpecSchema>;

export const resumeStateSchema = z.strictObject({
  version: z.literal(1),
  /** The command line as given (relative range and all), so a different command is not resumed by mistake. */
  asked: z.string(),
  spec: exportSpecSchema,
  /** Rows and bytes of the output file that are whole; anything past `bytes` is cut off on resume. */
  rows: z.int().nonnegative(),
  bytes: z.int().nonnegative(),
  /** Cursor after the last whole row; null before the first frame arrived. */
  after: z.string().nullable(),
  estimatedRows: z.int().nonnegative().nullable(),
});
export type ResumeState = z.infer<typeof resumeStateSchema>;

export class SidecarError extends Error {
  override name = 'SidecarError';
}

/** The saved state of an unfinished export, or null when there is none. */
export async function readSidecar(path: string): Promise<ResumeState | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return resumeStateSchema.parse(JSON.parse(text));
  } catch {
    throw new SidecarError(`${path} is not a Sightline resume file; remove it to start over`);
  }
}

/** Written to a temporary file and renamed, so a kill mid-write leaves the previous state, never half of one. */
export async function writeSidecar(path: string, state: ResumeState): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, JSON.stringify(state));
  await rename(temporary, path);
}

export async function removeSidecar(path: string): Promise<void> {
  await rm(path, { force: true });
}
