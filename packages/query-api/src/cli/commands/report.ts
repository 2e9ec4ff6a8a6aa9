import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { Command } from 'commander';
import { createClient } from '@sightline/client';
import {
  builtinReport,
  builtinReports,
  formatTable,
  reportDefinitionSchema,
  ReportDefinitionError,
  resultTable,
  timeRangeSchema,
  toIssues,
  type Issue,
  type NormalizedReportDefinition,
  type ReportResult,
} from '@sightline/schema/reports';
import { createEsClient, cursorKeyFromEnv, isUnavailable, runReport, type SearchPort } from '../../server';
import { esUrlOf } from '../command';
import { UsageError } from '../errors';
import { dateOption, urlOption, customerOption } from '../options';

interface ReportFlags {
  definition?: string;
  url?: string;
  token?: string;
  customer?: string;
  last?: string;
  from?: Date;
  to?: Date;
  tz?: string;
  json?: boolean;
}

/** What the command reaches outside itself; tests pass fakes so they need no cluster and no API. */
export interface ReportDeps {
  /** An Elasticsearch connection for one run, closed afterwards when it can be. */
  openEs(url: string): SearchPort & { close?(): Promise<void> };
  /** For the API client (`--url`). */
  fetch: typeof fetch;
  now(): Date;
  write(text: string): void;
}

const defaultDeps: ReportDeps = {
  openEs: (url) => createEsClient(url),
  fetch: (input, init) => globalThis.fetch(input, init),
  now: () => new Date(),
  write: (text) => void process.stdout.write(text),
};

const describeIssues = (issues: readonly Issue[]) =>
  issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');

const reportNames = () =>
  builtinReports()
    .map((r) => r.id)
    .join(', ');

/** The file's JSON, or a usage error naming the file and what is wrong with it. */
function readDefinitionFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`definition file not found: ${file}`);
    if (code === 'EISDIR') throw new UsageError(`definition file ${file} is a directory`);
    throw new UsageError(`cannot read definition file ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the text near the fault, line breaks and all; stderr gets one line.
    const reason = (error as Error).message.replace(/\s+/g, ' ');
    throw new UsageError(`definition file ${file} is not JSON: ${reason}`);
  }
}

/**
 * The definition to run, validated with the API's own schema before anything reads it, so a
 * definition missing a part (say `timeRange`) is reported by path rather than failing later.
 */
function definitionOf(name: string | undefined, flags: ReportFlags): NormalizedReportDefinition {
  if (flags.definition) {
    if (name) throw new UsageError('give a report name or --definition, not both');
    const parsed = reportDefinitionSchema.safeParse(readDefinitionFile(flags.definition));
    if (!parsed.success)
      throw new UsageError(
        `invalid report definition in ${flags.definition}: ${describeIssues(toIssues(parsed.error as z.ZodError))}`,
      );
    return parsed.data;
  }
  if (!name) throw new UsageError(`name a report (${reportNames()}) or give --definition FILE`);
  const report = builtinReport(name);
  if (!report) throw new UsageError(`no built-in report '${name}'; try ${reportNames()}`);
  return reportDefinitionSchema.parse(report.definition);
}

/** The option each part of a time range came from, to name it in a complaint. */
const FLAG_OF: Record<string, string> = { last: '--last', from: '--from', to: '--to', timeZone: '--tz' };

/** The definition over the range the options ask for, if any; the options are checked as the API would. */
function withRange(def: NormalizedReportDefinition, flags: ReportFlags): NormalizedReportDefinition {
  if (flags.last && (flags.from || flags.to))
    throw new UsageError('give either --last or --from/--to, not both');
  if ((flags.from || flags.to) && !(flags.from && flags.to))
    throw new UsageError('--from and --to go together');
  if (!flags.last && !flags.from && !flags.tz) return def;
  const timeZone = flags.tz ?? def.timeRange.timeZone;
  const asked =
    flags.from && flags.to
      ? { from: flags.from.toISOString(), to: flags.to.toISOString(), timeZone }
      : flags.last
        ? { last: flags.last, timeZone }
        : { ...def.timeRange, timeZone };
  const parsed = timeRangeSchema.safeParse(asked);
  if (!parsed.success) {
    const issues = toIssues(parsed.error).map((i) => ({
      path: FLAG_OF[i.path.split('.')[0] ?? ''] ?? i.path,
      message: i.message,
    }));
    throw new UsageError(describeIssues(issues));
  }
  return { ...def, timeRange: parsed.data };
}

async function run(
  definition: NormalizedReportDefinition,
  flags: ReportFlags,
  command: Command,
  deps: ReportDeps,
): Promise<ReportResult> {
  if (flags.url) {
    const token = flags.token ?? process.env.SIGHTLINE_TOKEN;
    if (!token) throw new UsageError('--url needs --token (or SIGHTLINE_TOKEN)');
    const client = createClient({
      baseUrl: flags.url,
      token,
      fetch: deps.fetch,
      ...(flags.customer ? { customer: flags.customer } : {}),
    });
    return client.runReport(definition);
  }
  // Direct to Elasticsearch: whoever can reach the cluster can read it all, so the customer is explicit.
  if (!flags.customer)
    throw new UsageError('reading Elasticsearch directly needs --customer ID (or use --url and --token)');
  const url = esUrlOf(command);
  const es = deps.openEs(url);
  try {
    // Only a log page hands out a cursor, so only then is a random cursor secret worth a notice.
    const cursors = cursorKeyFromEnv(process.env, definition.view.type === 'log' ? undefined : () => {});
    return await runReport({ es, cursors }, definition, flags.customer, deps.now());
  } catch (error) {
    // Well-formed but not runnable as asked (too many buckets…): the person can fix that.
    if (error instanceof ReportDefinitionError)
      throw new UsageError(`invalid report definition: ${error.message}`);
    if (isUnavailable(error))
      throw new Error(`cannot reach Elasticsearch at ${url}: ${(error as Error).message}`, { cause: error });
    throw error;
  } finally {
    await es.close?.();
  }
}

/** `sightline report NAME|--definition FILE`: runs a report through the API or directly, prints a table or JSON. */
export function registerReport(program: Command, overrides: Partial<ReportDeps> = {}): void {
  const deps = { ...defaultDeps, ...overrides };
  program
    .command('report [name]')
    .description('run a built-in report (or a definition file) and print it')
    .option('--definition <file>', 'a report definition as JSON (instead of a name)')
    .option('--url <url>', 'the Sightline API (otherwise Elasticsearch directly, see --es-url)', urlOption)
    .option('--token <token>', 'API token (default: SIGHTLINE_TOKEN)')
    .option(
      '--customer <id>',
      'customer to read (admin tokens; required when reading Elasticsearch directly)',
      customerOption,
    )
    .option('--last <span>', "relative range instead of the report's, e.g. '24h', '7d'")
    .option('--from <iso-date>', "start of an absolute range instead of the report's (with --to)", dateOption)
    .option('--to <iso-date>', 'end of an absolute range (with --from)', dateOption)
    .option('--tz <zone>', 'IANA time zone for calendar buckets')
    .option('--json', 'print the result as JSON instead of a table')
    .addHelpText(
      'after',
      `
Built-in reports: ${reportNames()}.
A log report's table shows the definition's columns (view.columns), or ts, result, user, application and IP.`,
    )
    .action(async (name: string | undefined, flags: ReportFlags, command: Command) => {
      const definition = withRange(definitionOf(name, flags), flags);
      const result = await run(definition, flags, command, deps);
      const columns = definition.view.type === 'log' ? definition.view.columns : undefined;
      deps.write(
        flags.json
          ? `${JSON.stringify(result, null, 2)}\n`
          : `${formatTable(resultTable(result, columns ? { columns } : {}))}\n`,
      );
    });
}
