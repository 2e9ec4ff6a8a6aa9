import { existsSync, statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { relativeSpanMs } from '@sightline/schema/reports';
import { SightlineApiError } from '@sightline/client';
import { downloadExport, type DownloadProgress } from '../../export/download';
import {
  readSidecar,
  sidecarPath,
  SidecarError,
  type ExportSpec,
  type ResumeState,
} from '../../export/sidecar';
import { UsageError } from '../errors';
import { choiceOption, dateOption, urlOption, customerOption } from '../options';

interface ExportFlags {
  url: string;
  token: string;
  customer?: string;
  filter?: unknown;
  last?: string;
  from?: Date;
  to?: Date;
  columns?: string[];
  format: 'csv' | 'ndjson';
  out: string;
  bom?: boolean;
  escapeFormulae: boolean;
  progress: boolean;
}

const DEFAULT_LAST = '24h';
const MINUTE = 60_000;
/** How often a busy customer's export is retried before giving up. */
const BUSY_ATTEMPTS = 10;

function jsonOption(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new InvalidArgumentError(
      `expected a JSON filter tree such as {"field":"result","op":"eq","value":"denied"}`,
    );
  }
}

function columnsOption(raw: string): string[] {
  const columns = raw
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (columns.length === 0) throw new InvalidArgumentError('expected comma-separated field names');
  return columns;
}

/**
 * The absolute window of a first run: a relative `--last` ends at now rounded up to the minute, as
 * the API does, and is written into the resume file so a resumed run exports the same window.
 */
function pinnedRange(flags: ExportFlags, now: Date): { from: string; to: string } {
  if (flags.last && (flags.from || flags.to))
    throw new UsageError('give either --last or --from/--to, not both');
  if (flags.from || flags.to) {
    if (!flags.from || !flags.to) throw new UsageError('--from and --to go together');
    if (flags.from >= flags.to) throw new UsageError('--from must be before --to');
    return { from: flags.from.toISOString(), to: flags.to.toISOString() };
  }
  const last = flags.last ?? DEFAULT_LAST;
  const span = relativeSpanMs(last);
  if (span === null)
    throw new UsageError(
      `--last expects a span such as 15m, 24h, 7d or 2w (at most 400 days), got "${last}"`,
    );
  const to = Math.ceil(now.getTime() / MINUTE) * MINUTE;
  return { from: new Date(to - span).toISOString(), to: new Date(to).toISOString() };
}

/** The command as typed, minus the secret: a resume file only continues the same command. */
function askedOf(flags: ExportFlags): string {
  return JSON.stringify({
    url: flags.url,
    customer: flags.customer ?? null,
    filter: flags.filter ?? null,
    last: flags.last ?? null,
    from: flags.from?.toISOString() ?? null,
    to: flags.to?.toISOString() ?? null,
    columns: flags.columns ?? null,
    format: flags.format,
    bom: flags.bom ?? false,
    escapeFormulae: flags.escapeFormulae,
  });
}

async function startingState(
  flags: ExportFlags,
  sidecar: string,
): Promise<{ state: ResumeState; resumed: boolean }> {
  const asked = askedOf(flags);
  const saved = await readSidecar(sidecar).catch((error: unknown) => {
    if (error instanceof SidecarError) throw new UsageError(error.message);
    throw error;
  });
  if (saved) {
    if (saved.asked !== asked) {
      throw new UsageError(
        `${flags.out} holds an unfinished export of a different command; run that command again to finish it, or remove ${sidecar}`,
      );
    }
    if (!existsSync(flags.out) || statSync(flags.out).size < saved.bytes) {
      throw new UsageError(
        `${flags.out} is shorter than its resume file says; remove ${sidecar} to start over`,
      );
    }
    return { state: saved, resumed: true };
  }
  const spec: ExportSpec = {
    url: flags.url,
    format: flags.format,
    ...(flags.columns ? { columns: flags.columns } : {}),
    bom: flags.bom ?? false,
    escapeFormulae: flags.escapeFormulae,
    ...(flags.customer ? { customer: flags.customer } : {}),
    timeRange: pinnedRange(flags, new Date()),
    ...(flags.filter === undefined ? {} : { filters: flags.filter }),
  };
  return {
    state: { version: 1, asked, spec, rows: 0, bytes: 0, after: null, estimatedRows: null },
    resumed: false,
  };
}

/** A bar on a terminal; elsewhere a line every few seconds. Rows, rows/s and the estimate from the API. */
function progressBar(enabled: boolean, startRows: number) {
  const started = Date.now();
  const rate = (rows: number) =>
    Math.round((rows - startRows) / Math.max(0.001, (Date.now() - started) / 1000));
  if (!enabled) return { update: (_p: DownloadProgress) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'export [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s | {eta_formatted} left',
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started_ = false;
  return {
    update(p: DownloadProgress) {
      const total = Math.max(p.estimatedRows ?? p.rows, p.rows);
      if (!started_) {
        bar.start(total, p.rows, { rate: 0 });
        started_ = true;
      }
      bar.setTotal(total);
      bar.update(p.rows, { rate: rate(p.rows) });
    },
    stop: () => {
      if (started_) bar.stop();
    },
  };
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'download a filtered auth log as CSV or NDJSON; an interrupted export resumes when run again',
    )
    .requiredOption('--url <url>', 'Sightline API base URL, e.g. http://127.0.0.1:8787', urlOption)
    .addOption(new Option('--token <token>', 'bearer token').env('SIGHTLINE_TOKEN').makeOptionMandatory())
    .option('--customer <id>', 'customer to export (admin tokens only)', customerOption)
    .option('--filter <json>', 'filter tree as JSON (the same as the dashboard and the API take)', jsonOption)
    .option('--last <span>', `relative time range, e.g. 15m, 24h, 7d (default ${DEFAULT_LAST})`)
    .option('--from <iso>', 'start of an absolute time range (inclusive)', dateOption)
    .option('--to <iso>', 'end of an absolute time range (exclusive)', dateOption)
    .option(
      '--columns <list>',
      'comma-separated fields (default: the log table columns; NDJSON: whole records)',
      columnsOption,
    )
    .requiredOption('--format <format>', 'csv or ndjson', choiceOption(['csv', 'ndjson'] as const))
    .requiredOption('--out <file>', 'output file')
    .option('--bom', 'start a CSV file with a UTF-8 byte order mark (for spreadsheets)')
    .option('--no-escape-formulae', 'do not guard CSV cells that start like a spreadsheet formula')
    .option('--no-progress', 'no progress bar on stderr')
    .action(async (flags: ExportFlags) => {
      if (!flags.token.trim()) throw new UsageError('--token is empty');
      const sidecar = sidecarPath(flags.out);
      const { state, resumed } = await startingState(flags, sidecar);
      if (resumed) process.stderr.write(`resuming ${flags.out} after ${state.rows} rows\n`);
      const bar = progressBar(flags.progress, state.rows);
      try {
        const result = await downloadExport({
          token: flags.token,
          out: flags.out,
          sidecar,
          state,
          onProgress: (p) => bar.update(p),
          onBusy: (seconds, attempt) => {
            if (attempt >= BUSY_ATTEMPTS) return false;
            process.stderr.write(`too many exports running for this customer; retrying in ${seconds}s\n`);
            return true;
          },
        });
        bar.stop();
        process.stderr.write(`exported ${result.rows} rows (${result.bytes} bytes) to ${flags.out}\n`);
      } catch (error) {
        bar.stop();
        if (
          error instanceof SightlineApiError &&
          error.status >= 400 &&
          error.status < 500 &&
          error.status !== 429
        ) {
          throw new UsageError(error.message);
        }
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`${message}; run the same command again to resume`);
      }
    });
}
