import type { ReportResult } from './result';

/** A result as a plain table: for terminals and quick looks. Pure. */
export interface TextTable {
  headers: string[];
  rows: string[][];
}

const num = (v: number, metric?: string) =>
  metric === 'failure_rate' ? `${(v * 100).toFixed(1)}%` : Number.isInteger(v) ? String(v) : v.toFixed(3);

export function resultTable(result: ReportResult): TextTable {
  switch (result.view) {
    case 'breakdown':
      return {
        headers: ['key', result.metric],
        rows: [
          ...result.rows.map((r) => [r.label, num(r.value, result.metric)]),
          ['(total)', num(result.total, result.metric)],
        ],
      };
    case 'timeseries':
      return {
        headers: ['time', ...result.series],
        rows: result.rows.map((r) => [
          new Date(r.t).toISOString(),
          ...result.series.map((s) => num(r.values[s] ?? 0, result.metric)),
        ]),
      };
    case 'geo':
      return {
        headers: ['key', 'label', result.metric, 'lat', 'lon'],
        rows: result.rows.map((r) => [
          r.key,
          r.label ?? '',
          num(r.value, result.metric),
          r.lat?.toFixed(2) ?? '',
          r.lon?.toFixed(2) ?? '',
        ]),
      };
    case 'significant':
      return {
        headers: ['field', 'key', 'score', 'count', 'background'],
        rows: result.rows.map((r) => [
          r.field,
          r.key,
          r.score.toFixed(3),
          String(r.count),
          String(r.backgroundCount),
        ]),
      };
    case 'log':
      return {
        headers: ['ts', 'result', 'user', 'application', 'ip'],
        rows: result.rows.map((r) => [
          r.ts,
          r.result,
          r.user?.name ?? '',
          r.application?.name ?? '',
          r.access_device?.ip ?? '',
        ]),
      };
  }
}

/** Column-aligned text of a table. */
export function formatTable({ headers, rows }: TextTable): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
