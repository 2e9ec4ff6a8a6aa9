import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/sightline.js', import.meta.url));
/** Runs the real CLI; ES_URL points at a closed port so nothing can reach a cluster by accident. */
const sightlineWith = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ES_URL: 'http://127.0.0.1:9', ...env },
  });
const sightline = (...args: string[]) => sightlineWith({}, ...args);

const scratch = mkdtempSync(join(tmpdir(), 'sightline-cli-'));
const notJson = join(scratch, 'not-json.json');
writeFileSync(notJson, 'timeRange: 7d\n');
const noView = join(scratch, 'no-view.json');
writeFileSync(noView, JSON.stringify({ timeRange: { last: '7d' } }));

// Each case starts a real process (tsx compiles on start), hence the generous timeout.
describe('the sightline CLI', { timeout: 60_000 }, () => {
  it.each([
    [['generate', '--count', 'lots'], /--count.*expected a whole number, got "lots"/],
    [['generate'], /required option --count/],
    [
      ['generate', '--count', '1', '--customers', 'nobody'],
      /--customers.*Allowed choices are default, single, small/,
    ],
    [['generate', '--count', '1', '--end', 'soon'], /expected an ISO 8601 date/],
    [
      ['--es-url', 'ftp://x', 'generate', '--count', '1'],
      /"ftp:\/\/x" is not an http:\/\/ or https:\/\/ URL/,
    ],
    [['--es-url', 'http://127.0.0.1:9250,nonsense', 'generate', '--count', '1'], /"nonsense" is not a URL/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['ingest'], /name an input file/],
    [['ingest', '/no/such/file.ndjson'], /input file not found: \/no\/such\/file.ndjson/],
    [['ingest', '--generate'], /--generate needs --count/],
    [['ingest', '--customer', 'acme corp', 'x.ndjson'], /"acme corp" is not a customer id \(1 to 64 letters/],
    [['report', 'nosuch'], /no built-in report 'nosuch'; try auth-summary/],
    [['summarise', '--state', 'a b'], /--state "a b": up to 100 letters, digits/],
    [
      ['summarise', '--rebuild', '--from', '2026-01-01', '--to', '2026-01-02', '--state', 'x'],
      /--state goes without --rebuild/,
    ],
    [['report', '--definition', notJson], new RegExp(`definition file ${notJson} is not JSON`)],
    [['report', '--definition', noView], new RegExp(`invalid report definition in ${noView}: view: `)],
  ])('exits 2 with one line naming the problem: %j', (args, message) => {
    const result = sightline(...args);
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it.each([
    [
      'SIGHTLINE_ES_SHARDS',
      '0',
      /^sightline: SIGHTLINE_ES_SHARDS must be a whole number from 1 to 1024, got "0"$/,
    ],
    ['SIGHTLINE_ES_REPLICAS', 'two', /^sightline: SIGHTLINE_ES_REPLICAS must be .* or "auto", got "two"$/],
  ])('refuses %s=%s before ingesting anything: exit 2 and one line', (name, value, message) => {
    const file = join(mkdtempSync(join(tmpdir(), 'sightline-cli-')), 'in.ndjson');
    writeFileSync(file, '{}\n');
    const result = sightlineWith({ [name]: value }, 'ingest', file);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });

  it('exits 1 with one line when Elasticsearch cannot be reached', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sightline-cli-')), 'in.ndjson');
    writeFileSync(file, '{}\n');
    const result = sightline('ingest', file);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^sightline: cannot reach Elasticsearch at http:\/\/127.0.0.1:9/),
    ]);
  });

  it('generates deterministic NDJSON to stdout', () => {
    const args = ['generate', '--count', '3', '--seed', 's', '--end', '2026-11-20T00:00:00Z'];
    const first = sightline(...args);
    expect(first.status).toBe(0);
    const lines = first.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(sightline(...args).stdout).toBe(first.stdout);
  });
});
