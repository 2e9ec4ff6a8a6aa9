import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { Command } from 'commander';
import { createClient } from '../../client';
import {
  builtinReport,
  builtinReports,
  formatTable,
  reportDefinitionSchema,
  resultTable,
  toIssues,
  type ReportDefinition,
  type ReportResult,
} from '../../reports';
import { createEsClient, cursorKeyFromEnv, runReport } from '../../server';
import { esUrlOf } from '../command';
import { UsageError } from '../errors';
import { dateOption, urlOption } from '../options';

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

function definitionOf(name: string | undefined, flags: ReportFlags): ReportDefinition {
  if (flags.definition) {
    if (name) throw new UsageError('give a report name or --definition, not both');
    return JSON.parse(readFileSync(flags.definition, 'utf8')) as ReportDefinition;
  }
  if (!name)
    throw new UsageError(
      `name a report (${builtinReports()
        .map((r) => r.id)
        .join(', ')}) or give --definition FILE`,
    );
  const report = builtinReport(name);
  if (!report)
    throw new UsageError(
      `no built-in report '${name}'; try ${builtinReports()
        .map((r) => r.id)
        .join(', ')}`,
    );
  return report.definition;
}

function withRange(def: ReportDefinition, flags: ReportFlags): ReportDefinition {
  const timeZone = flags.tz ?? def.timeRange.timeZone ?? 'UTC';
  if (flags.from || flags.to) {
    if (!flags.from || !flags.to) throw new UsageError('--from and --to go together');
    return { ...def, timeRange: { from: flags.from.toISOString(), to: flags.to.toISOString(), timeZone } };
  }
  return { ...def, timeRange: flags.last ? { last: flags.last, timeZone } : { ...def.timeRange, timeZone } };
}

async function run(
  definition: ReportDefinition,
  flags: ReportFlags,
  command: Command,
): Promise<ReportResult> {
  const parsed = reportDefinitionSchema.safeParse(definition);
  if (!parsed.success)
    throw new UsageError(
      `invalid report definition: ${toIssues(parsed.error as z.ZodError)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ')}`,
    );
  if (flags.url) {
    const token = flags.token ?? process.env.SIGHTLINE_TOKEN;
    if (!token) throw new UsageError('--url needs --token (or SIGHTLINE_TOKEN)');
    const client = createClient({
      baseUrl: flags.url,
      token,
      ...(flags.customer ? { customer: flags.customer } : {}),
    });
    return client.runReport(definition);
  }
  // Direct to Elasticsearch: whoever can reach the cluster can read it all, so the customer is explicit.
  if (!flags.customer)
    throw new UsageError('reading Elasticsearch directly needs --customer ID (or use --url and --token)');
  const es = createEsClient(esUrlOf(command));
  try {
    // Only a log page hands out a cursor, so only then is a random cursor secret worth a notice.
    const cursors = cursorKeyFromEnv(process.env, parsed.data.view.type === 'log' ? undefined : () => {});
    return await runReport({ es, cursors }, parsed.data, flags.customer, new Date());
  } finally {
    await es.close();
  }
}

/** `sightline report NAME|--definition FILE`: runs a report through the API or directly, prints a table or JSON. */
export function registerReport(program: Command): void {
  program
    .command('report [name]')
    .description('run a built-in report (or a definition file) and print it')
    .option('--definition <file>', 'a report definition as JSON')
    .option('--url <url>', 'the Sightline API (otherwise Elasticsearch directly, see --es-url)', urlOption)
    .option('--token <token>', 'API token (default: SIGHTLINE_TOKEN)')
    .option(
      '--customer <id>',
      'customer to read (admin tokens; required when reading Elasticsearch directly)',
    )
    .option('--last <span>', "relative range, e.g. '24h', '7d'")
    .option('--from <iso-date>', 'start of an absolute range', dateOption)
    .option('--to <iso-date>', 'end of an absolute range', dateOption)
    .option('--tz <zone>', 'IANA time zone for calendar buckets')
    .option('--json', 'print the result as JSON')
    .action(async (name: string | undefined, flags: ReportFlags, command: Command) => {
      const result = await run(withRange(definitionOf(name, flags), flags), flags, command);
      process.stdout.write(
        flags.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatTable(resultTable(result))}\n`,
      );
    });
}
