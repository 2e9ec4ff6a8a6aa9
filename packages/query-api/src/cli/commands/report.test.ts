import type { estypes } from '@elastic/elasticsearch';
import { Command } from 'commander';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EsSearchResponse } from '../../reports';
import type { ReportDefinition } from '@sightline/schema/reports';
import { FakeEs, testApp, TOKENS } from '../../server/test-support';
import { describeFailure } from '../errors';
import { registerReport, type ReportDeps } from './report';

const NOW = new Date('2026-11-20T10:15:30Z');

/**
 * Runs `sightline report …` in-process against a fake Elasticsearch, and maps a failure to the exit
 * code and stderr line exactly as main.ts does.
 */
async function sightline(args: string[], deps: Partial<ReportDeps> = {}) {
  const es = deps.openEs ? undefined : new FakeEs();
  let stdout = '';
  const program = new Command('sightline').option('--es-url <url>').exitOverride();
  registerReport(program, {
    ...(es ? { openEs: () => es } : {}),
    now: () => NOW,
    write: (text) => void (stdout += text),
    ...deps,
  });
  for (const command of program.commands) command.exitOverride().configureOutput({ writeErr: () => {} });
  try {
    await program.parseAsync(['node', 'sightline', 'report', ...args]);
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const { code, line } = describeFailure(error);
    return { code, stdout, stderr: line ?? '' };
  }
}

/** A FakeEs answering every search with `response`. */
function esAnswering(response: EsSearchResponse): FakeEs {
  const es = new FakeEs();
  es.respond = () => response;
  return es;
}

function definitionFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sightline-report-')), 'definition.json');
  writeFileSync(file, content);
  return file;
}

const byResult: EsSearchResponse = {
  took: 3,
  hits: { total: { value: 100, relation: 'eq' }, hits: [] },
  aggregations: {
    all: { doc_count: 100 },
    groups: {
      sum_other_doc_count: 0,
      buckets: [
        { key: 'success', doc_count: 90 },
        { key: 'denied', doc_count: 10 },
      ],
    },
    none: { doc_count: 0 },
  },
};

/** What Elasticsearch returns for a `_source` selection of user.name and result: those fields, txid and ts. */
const partialLogHits: EsSearchResponse = {
  took: 2,
  hits: {
    total: { value: 2, relation: 'eq' },
    hits: [
      {
        _source: { txid: 't1', ts: '2026-11-20T10:00:00.000Z', user: { name: 'ana' }, result: 'denied' },
        sort: [1_795_168_800_000, 't1'],
      },
      {
        _source: { txid: 't2', ts: '2026-11-20T09:00:00.000Z', result: 'success' },
        sort: [1_795_165_200_000, 't2'],
      },
    ],
  },
};

const logWithColumns: ReportDefinition = {
  timeRange: { last: '24h' },
  view: { type: 'log', columns: ['user.name', 'result'] },
};

describe('sightline report', () => {
  // Log results are signed with the cursor secret; a fixed one keeps the missing-secret notice out of the output.
  beforeEach(() => void vi.stubEnv('SIGHTLINE_CURSOR_SECRET', 'x'.repeat(32)));
  afterEach(() => void vi.unstubAllEnvs());

  describe('output', () => {
    it('prints a breakdown as a key / metric table with a total row', async () => {
      const result = await sightline(['auth-summary', '--customer', 'acme'], {
        openEs: () => esAnswering(byResult),
      });
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toBe(
        ['key      count', '-------  -----', 'success  90', 'denied   10', '(total)  100', ''].join('\n'),
      );
    });

    it('prints a log with the columns the definition chose, empty where a row lacks the field', async () => {
      const file = definitionFile(JSON.stringify(logWithColumns));
      const result = await sightline(['--definition', file, '--customer', 'acme'], {
        openEs: () => esAnswering(partialLogHits),
      });
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toBe(
        ['user.name  result', '---------  -------', 'ana        denied', '           success', ''].join('\n'),
      );
    });

    it('asks Elasticsearch for only the chosen columns (and the cursor fields)', async () => {
      const es = esAnswering(partialLogHits);
      await sightline(
        ['--definition', definitionFile(JSON.stringify(logWithColumns)), '--customer', 'acme'],
        {
          openEs: () => es,
        },
      );
      const source = es.requests.at(-1)?._source as estypes.SearchSourceFilter;
      expect(source.includes).toEqual(expect.arrayContaining(['user.name', 'result', 'txid', 'ts']));
      expect(source.includes).toHaveLength(4);
    });

    it('prints the result as parseable JSON with --json', async () => {
      const result = await sightline(['auth-summary', '--customer', 'acme', '--json'], {
        openEs: () => esAnswering(byResult),
      });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({
        view: 'breakdown',
        total: 100,
        rows: [
          { key: 'success', value: 90 },
          { key: 'denied', value: 10 },
        ],
      });
    });

    it('reads the report through the API with --url and --token, as that token’s customer', async () => {
      const { app, es } = testApp(esAnswering(byResult));
      const result = await sightline(
        ['auth-summary', '--url', 'http://sightline.test', '--token', TOKENS.acme, '--json'],
        { fetch: (input, init) => Promise.resolve(app.request(input, init)) },
      );
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ view: 'breakdown', total: 100 });
      expect(es.lastTenant()).toBe('acme');
    });

    it('runs over the range the options give instead of the report’s', async () => {
      const es = esAnswering(byResult);
      const result = await sightline(
        ['auth-summary', '--customer', 'acme', '--from', '2026-11-01', '--to', '2026-11-02', '--json'],
        { openEs: () => es },
      );
      expect(JSON.parse(result.stdout).meta).toMatchObject({
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-11-02T00:00:00.000Z',
      });
    });
  });

  describe('bad input: exit code 2 and one line naming the problem, before any search', () => {
    const failsWith = async (args: string[], message: RegExp) => {
      const es = new FakeEs();
      const result = await sightline(args, { openEs: () => es });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^sightline: /);
      expect(result.stderr).not.toContain('\n');
      expect(result.stderr).toMatch(message);
      expect(es.requests).toEqual([]);
    };

    it('an unknown report name, with the names there are', () =>
      failsWith(['nosuch', '--customer', 'acme'], /no built-in report 'nosuch'; try auth-summary, /));

    it('a definition file that does not exist, by its name', () =>
      failsWith(
        ['--definition', '/no/such/def.json', '--customer', 'acme'],
        /not found: \/no\/such\/def.json/,
      ));

    it('a definition file that is not JSON, by its name', async () => {
      const file = definitionFile('{ "timeRange": \n');
      await failsWith(['--definition', file, '--customer', 'acme'], new RegExp(`${file} is not JSON`));
    });

    it('a definition without a time range, by the path of each issue', async () => {
      const file = definitionFile(JSON.stringify({ view: { type: 'log', columns: ['user.name'] } }));
      await failsWith(
        ['--definition', file, '--customer', 'acme'],
        new RegExp(`invalid report definition in ${file}: timeRange: `),
      );
    });

    it('every issue of an invalid definition, each with its path', async () => {
      const file = definitionFile(
        JSON.stringify({
          timeRange: { last: 'a while' },
          view: { type: 'breakdown', groupBy: 'nope', top: 0 },
        }),
      );
      const result = await sightline(['--definition', file, '--customer', 'acme']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/timeRange\.last: expected a relative span/);
      expect(result.stderr).toMatch(/view\.groupBy: unknown field 'nope'/);
      expect(result.stderr).toMatch(/view\.top: /);
    });

    it('a range option the API would refuse, by the option', () =>
      failsWith(
        ['auth-summary', '--customer', 'acme', '--last', 'soon'],
        /^sightline: --last: expected a relative span/,
      ));

    it('both --last and --from/--to', () =>
      failsWith(
        ['auth-summary', '--customer', 'acme', '--last', '1d', '--from', '2026-11-01', '--to', '2026-11-02'],
        /either --last or --from\/--to/,
      ));

    it('a name and --definition together', () =>
      failsWith(
        ['auth-summary', '--definition', definitionFile('{}')],
        /a report name or --definition, not both/,
      ));

    it('reading Elasticsearch without a customer', () => failsWith(['auth-summary'], /needs --customer ID/));
  });
});
