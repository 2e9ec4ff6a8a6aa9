import type { CheckResult } from './types';

const HEADERS = [
  'status',
  'check',
  'severity',
  'policy',
  'kind',
  'source',
  'subject',
  'measured',
  'threshold',
];

/** The results as a plain-text table, one line each, then a count by status. */
export function formatResults(results: readonly CheckResult[]): string {
  if (results.length === 0) return 'no quality results: no source loaded anything in the look-back\n';
  const rows = results.map((r) => [
    r.status.toUpperCase(),
    r.check,
    r.severity,
    r.policy,
    r.kind,
    r.source,
    r.subject,
    String(r.measured),
    String(r.threshold),
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const count = (s: CheckResult['status']) => results.filter((r) => r.status === s).length;
  return [
    line(HEADERS),
    ...rows.map(line),
    '',
    `${count('fail')} failed, ${count('warn')} warned, ${count('pass')} passed at ${results[0]!.at}`,
    '',
  ].join('\n');
}
