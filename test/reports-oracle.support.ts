/**
 * The report oracle: what each report must answer, counted in plain JS from the raw records that were
 * sent, by the rules the API documents. Nothing here comes from the compiler: not its field table,
 * its metrics, its ordering or its bucketing, so that a wrong rule there cannot agree with itself.
 */
import type { FilterNode } from '@sightline/schema/reports';

/** A raw record as sent, read by dotted path. */
export type Raw = Record<string, unknown>;

const FAILED = new Set(['denied', 'failure', 'error', 'fraud']);
export type OracleMetric = 'count' | 'distinct_users' | 'distinct_ips' | 'failure_rate';
/** A failure-rate ranking leaves out groups with fewer attempts than this (the API says so in minAttempts). */
export const MIN_RATE_ATTEMPTS = 10;
const NONE_KEY = '__none__';
const OTHER_KEY = '__other__';
const UNKNOWN_KEY = '__unknown__';

function read(record: Raw, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Raw)[part];
  }
  return value;
}

/**
 * The values a record has for a field: none when null, absent or empty; each distinct value once
 * (a group repeated within a record is one group); flags as "true" / "false". The country code is the
 * one the record's country name names, from the data set's own table.
 */
export function valuesOf(record: Raw, field: string, codes: ReadonlyMap<string, string | null>): string[] {
  if (field === 'access_device.location.country_code') {
    const name = read(record, 'access_device.location.country');
    const code = typeof name === 'string' ? codes.get(name) : undefined;
    return code ? [code] : [];
  }
  const value = read(record, field);
  const list = Array.isArray(value) ? value : [value];
  const keys = list
    .filter((v) => v !== null && v !== undefined && v !== '')
    .map((v) => String(v as string | number | boolean));
  return [...new Set(keys)];
}

/** An independent evaluator of the filter trees the built-in reports use. */
export function matches(record: Raw, node: FilterNode, codes: ReadonlyMap<string, string | null>): boolean {
  if ('and' in node) return node.and.every((n) => matches(record, n, codes));
  if ('or' in node) return node.or.some((n) => matches(record, n, codes));
  if ('not' in node) return !matches(record, node.not, codes);
  if ('text' in node) throw new Error('the oracle does not evaluate text searches');
  const keys = valuesOf(record, node.field, codes);
  switch (node.op) {
    case 'eq':
      return keys.includes(String(node.value));
    case 'not':
      return !keys.includes(String(node.value));
    case 'in':
      return node.values.some((v) => keys.includes(String(v)));
    case 'exists':
      return keys.length > 0 === (node.value ?? true);
    default:
      throw new Error(`the oracle does not evaluate ${node.op}`);
  }
}

/** An IP address as 32 hex digits: IPv4 as ::ffff:a.b.c.d, as Elasticsearch stores it. */
function sixteenBytes(ip: string): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  if (!ip.includes(':')) {
    const [a, b, c, d] = ip.split('.').map(Number) as [number, number, number, number];
    return `${'0000'.repeat(5)}ffff${hex(a * 256 + b)}${hex(c * 256 + d)}`;
  }
  const [head = '', tail] = ip.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right].map(hex).join('');
}

/**
 * Elasticsearch's order of terms: by the bytes of their UTF-8 form, which is code point order (not
 * JavaScript's UTF-16 code unit order, which differs above U+FFFF); IP addresses by their 16 bytes.
 */
export function compareTerms(field: string, a: string, b: string): number {
  if (field === 'access_device.ip') [a, b] = [sixteenBytes(a), sixteenBytes(b)];
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** What a metric needs of a set of records. */
export class Cell {
  count = 0;
  failed = 0;
  users = new Set<string>();
  ips = new Set<string>();
  add(record: Raw): void {
    this.count++;
    if (FAILED.has(String(read(record, 'result')))) this.failed++;
    const user = read(record, 'user.name');
    if (typeof user === 'string' && user !== '') this.users.add(user);
    const ip = read(record, 'access_device.ip');
    if (typeof ip === 'string' && ip !== '') this.ips.add(ip);
  }
  value(metric: OracleMetric): number {
    switch (metric) {
      case 'count':
        return this.count;
      case 'distinct_users':
        return this.users.size;
      case 'distinct_ips':
        return this.ips.size;
      case 'failure_rate':
        return this.count > 0 ? this.failed / this.count : 0;
    }
  }
}

function cellOf(records: readonly Raw[]): Cell {
  const cell = new Cell();
  for (const r of records) cell.add(r);
  return cell;
}

/** Records per value of a field, and the records without one. */
function groupBy(records: readonly Raw[], field: string, codes: ReadonlyMap<string, string | null>) {
  const groups = new Map<string, Raw[]>();
  const none: Raw[] = [];
  for (const r of records) {
    const keys = valuesOf(r, field, codes);
    if (keys.length === 0) none.push(r);
    for (const k of keys) {
      const group = groups.get(k);
      if (group) group.push(r);
      else groups.set(k, [r]);
    }
  }
  return { groups, none };
}

/** The top N values by the metric (a rate among groups with enough attempts), ties by term order. */
function ranked(
  field: string,
  groups: Map<string, Raw[]>,
  metric: OracleMetric,
  top: number,
): { key: string; records: Raw[]; cell: Cell }[] {
  return [...groups]
    .map(([key, records]) => ({ key, records, cell: cellOf(records) }))
    .filter((g) => metric !== 'failure_rate' || g.cell.count >= MIN_RATE_ATTEMPTS)
    .sort((a, b) => b.cell.value(metric) - a.cell.value(metric) || compareTerms(field, a.key, b.key))
    .slice(0, top);
}

export interface BreakdownSpec {
  groupBy: string;
  metric: OracleMetric;
  top: number;
  other?: boolean;
  multiValued: boolean;
}

/** A breakdown: the top N, a None row, an Other row of the rest where it adds up, and the total. */
export function expectedBreakdown(
  records: readonly Raw[],
  spec: BreakdownSpec,
  codes: ReadonlyMap<string, string | null>,
): { rows: [string, number][]; total: number } {
  const { groups, none } = groupBy(records, spec.groupBy, codes);
  const top = ranked(spec.groupBy, groups, spec.metric, spec.top);
  const rows: [string, number][] = top.map((g) => [g.key, g.cell.value(spec.metric)]);
  if (none.length > 0) rows.push([NONE_KEY, cellOf(none).value(spec.metric)]);
  const additive = spec.metric === 'count' || spec.metric === 'failure_rate';
  if ((spec.other ?? true) && additive && (!spec.multiValued || spec.metric === 'count')) {
    const shown = new Set(top.map((g) => g.key));
    // Multi-valued: a record counts once per value, so the rest is every value outside the top.
    const rest = new Cell();
    if (spec.multiValued) {
      for (const [key, rs] of groups) if (!shown.has(key)) rest.count += rs.length;
    } else {
      for (const r of records) {
        const keys = valuesOf(r, spec.groupBy, codes);
        if (keys.length > 0 && !shown.has(keys[0]!)) rest.add(r);
      }
    }
    if (rest.count > 0) rows.push([OTHER_KEY, rest.value(spec.metric)]);
  }
  return { rows, total: cellOf(records).value(spec.metric) };
}

/** The map by country: every code (ordered by the metric, attempts for a rate), then Unknown and None. */
export function expectedCountries(
  records: readonly Raw[],
  metric: OracleMetric,
  codes: ReadonlyMap<string, string | null>,
): { rows: [string, number][]; labels: Map<string, string> } {
  const { groups, none } = groupBy(records, 'access_device.location.country_code', codes);
  const byCount = metric === 'count' || metric === 'failure_rate';
  const rows = [...groups]
    .map(([key, rs]) => ({ key, cell: cellOf(rs), rs }))
    .sort(
      (a, b) =>
        (byCount ? b.cell.count - a.cell.count : b.cell.value(metric) - a.cell.value(metric)) ||
        compareTerms('', a.key, b.key),
    );
  const labels = new Map<string, string>();
  for (const { key, rs } of rows) {
    const names = new Map<string, number>();
    for (const r of rs) {
      const name = String(read(r, 'access_device.location.country'));
      names.set(name, (names.get(name) ?? 0) + 1);
    }
    const [label] = [...names].sort((a, b) => b[1] - a[1] || compareTerms('', a[0], b[0]))[0]!;
    labels.set(key, label);
  }
  const unknown = none.filter((r) => valuesOf(r, 'access_device.location.country', codes).length > 0);
  const absent = none.filter((r) => valuesOf(r, 'access_device.location.country', codes).length === 0);
  const out: [string, number][] = rows.map((g) => [g.key, g.cell.value(metric)]);
  if (unknown.length > 0) out.push([UNKNOWN_KEY, cellOf(unknown).value(metric)]);
  if (absent.length > 0) out.push([NONE_KEY, cellOf(absent).value(metric)]);
  return { rows: out, labels };
}

/** The web-map tile (zoom/x/y) of a point, as map tiles are numbered. */
function tileOf(lat: number, lon: number, zoom: number): string {
  const n = 2 ** zoom;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return `${zoom}/${x}/${y}`;
}

/** The map by grid: the metric per tile of the records with a location point. */
export function expectedTiles(
  records: readonly Raw[],
  metric: OracleMetric,
  zoom: number,
): Map<string, number> {
  const cells = new Map<string, Cell>();
  for (const r of records) {
    const geo = read(r, 'access_device.location.geo') as { lat: number; lon: number } | null | undefined;
    if (!geo) continue;
    const tile = tileOf(geo.lat, geo.lon, zoom);
    const cell = cells.get(tile) ?? new Cell();
    cell.add(r);
    cells.set(tile, cell);
  }
  return new Map([...cells].map(([k, c]) => [k, c.value(metric)]));
}

// ---- time buckets, read off the zone's own clock

export type OracleInterval = '1h' | '3h' | '1d' | '1w' | '1M';
const formats = new Map<string, Intl.DateTimeFormat>();
const clocks = new Map<string, number[]>();

/** The local wall clock [year, month, day, hour, minute, second, ms] of an instant in a zone. */
function clock(ms: number, zone: string): number[] {
  const id = `${zone}|${ms}`;
  const known = clocks.get(id);
  if (known) return known;
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(zone, format);
  }
  const parts = format.formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const out = [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second'), ms % 1000];
  clocks.set(id, out);
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The bucket an instant falls in, named by the local time it starts at. Hours are instants (a DST
 * change repeats an hour's name); longer buckets start at a local midnight (weeks on Monday) or, for
 * 3 hours, at a local hour divisible by 3.
 */
export function bucketOf(ms: number, zone: string, interval: OracleInterval): string {
  const [y, mo, d, h, mi, s, milli] = clock(ms, zone) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  switch (interval) {
    case '1h':
      return new Date(ms - ((mi * 60 + s) * 1000 + milli)).toISOString();
    case '3h':
      return `${y}-${pad(mo)}-${pad(d)} ${pad(h - (h % 3))}h`;
    case '1d':
      return `${y}-${pad(mo)}-${pad(d)}`;
    case '1w': {
      const date = Date.UTC(y, mo - 1, d);
      const monday = new Date(date - ((new Date(date).getUTCDay() + 6) % 7) * 86_400_000);
      return `week of ${monday.toISOString().slice(0, 10)}`;
    }
    case '1M':
      return `${y}-${pad(mo)}`;
  }
}

/** Whether an instant is where its bucket starts on the local clock. */
export function startsBucket(ms: number, zone: string, interval: OracleInterval): boolean {
  const [y, mo, d, h, mi, s, milli] = clock(ms, zone) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mi !== 0 || s !== 0 || milli !== 0) return false;
  switch (interval) {
    case '1h':
      return true;
    case '3h':
      return h % 3 === 0;
    case '1d':
      return h === 0;
    case '1w':
      return h === 0 && new Date(Date.UTC(y, mo - 1, d)).getUTCDay() === 1;
    case '1M':
      return h === 0 && d === 1;
  }
}

/** Every bucket of [from, to) in order, empty ones included (the zones' offsets are multiples of 15 minutes). */
export function bucketsOf(from: number, to: number, zone: string, interval: OracleInterval): string[] {
  const out: string[] = [];
  for (let t = from; t < to + 15 * 60_000; t += 15 * 60_000) {
    const name = bucketOf(Math.min(t, to - 1), zone, interval);
    if (out.at(-1) !== name) out.push(name);
  }
  return out;
}

export interface SeriesSpec {
  metric: OracleMetric;
  stackBy?: string;
  top: number;
  multiValued: boolean;
}

/** A series: per bucket, the metric of each top stack (ranked over the whole range), None and Other. */
export function expectedSeries(
  records: readonly Raw[],
  spec: SeriesSpec,
  range: { from: number; to: number; zone: string; interval: OracleInterval },
  codes: ReadonlyMap<string, string | null>,
): { series: string[]; rows: [string, Record<string, number>][] } {
  const buckets = bucketsOf(range.from, range.to, range.zone, range.interval);
  const bucketed = (rs: readonly Raw[]) => {
    const cells = new Map(buckets.map((b) => [b, new Cell()]));
    for (const r of rs)
      cells.get(bucketOf(Date.parse(String(read(r, 'ts'))), range.zone, range.interval))!.add(r);
    return cells;
  };
  if (!spec.stackBy) {
    const cells = bucketed(records);
    return {
      series: [spec.metric],
      rows: buckets.map((b) => [b, { [spec.metric]: cells.get(b)!.value(spec.metric) }]),
    };
  }
  const field = spec.stackBy;
  const { groups, none } = groupBy(records, field, codes);
  const top = ranked(field, groups, spec.metric, spec.top);
  const stacks = top.map((g) => [g.key, bucketed(g.records)] as const);
  const noneCells = none.length > 0 ? bucketed(none) : null;
  const shown = new Set(top.map((g) => g.key));
  const additive = spec.metric === 'count' || spec.metric === 'failure_rate';
  const restCells =
    additive && !spec.multiValued
      ? bucketed(
          records.filter((r) => {
            const keys = valuesOf(r, field, codes);
            return keys.length > 0 && !shown.has(keys[0]!);
          }),
        )
      : null;
  const rows = buckets.map((b): [string, Record<string, number>] => {
    const values: Record<string, number> = {};
    for (const [key, cells] of stacks) values[key] = cells.get(b)!.value(spec.metric);
    if (noneCells) values.None = noneCells.get(b)!.value(spec.metric);
    if (restCells) values.Other = restCells.get(b)!.value(spec.metric);
    return [b, values];
  });
  // Other is drawn only where it has something to show.
  const hasOther = rows.some(([, v]) => (v.Other ?? 0) > 0);
  if (!hasOther) for (const [, v] of rows) delete v.Other;
  return {
    series: [...top.map((g) => g.key), ...(noneCells ? ['None'] : []), ...(hasOther ? ['Other'] : [])],
    rows,
  };
}

// ---- out of the ordinary

/** A value must occur this often in the period, and this many times as often as before, to be reported. */
const MIN_SUPPORT = 5;
const MIN_LIFT = 1.5;

export interface UnusualRow {
  field: string;
  key: string;
  count: number;
  backgroundCount: number;
  rate: number;
  backgroundRate: number;
  lift: number;
  score: number;
}

/**
 * Values more frequent in the period than in the background, as the README describes: the rate in
 * the period against the rate before (a value never seen before counts half an occurrence), scored
 * by JLH ((fg - bg) × fg / bg), at least MIN_SUPPORT occurrences and MIN_LIFT times the rate before;
 * the top `size` per field, highest score first.
 */
export function expectedUnusual(
  period: readonly Raw[],
  background: readonly Raw[],
  fields: readonly string[],
  size: number,
  codes: ReadonlyMap<string, string | null>,
): UnusualRow[] {
  const rows = fields.flatMap((field) => {
    const now = groupBy(period, field, codes).groups;
    const before = groupBy(background, field, codes).groups;
    return [...now]
      .filter(([, rs]) => rs.length >= MIN_SUPPORT)
      .map(([key, rs]): UnusualRow => {
        const count = rs.length;
        const backgroundCount = before.get(key)?.length ?? 0;
        const rate = count / period.length;
        const backgroundRate = backgroundCount / Math.max(background.length, 1);
        const bg = Math.max(backgroundCount, 0.5) / Math.max(background.length, 1);
        const score = rate > bg ? (rate - bg) * (rate / bg) : 0;
        return { field, key, count, backgroundCount, rate, backgroundRate, lift: rate / bg, score };
      })
      .filter((r) => r.score > 0 && r.lift >= MIN_LIFT)
      .sort((a, b) => b.score - a.score || compareTerms(field, a.key, b.key))
      .slice(0, size);
  });
  return rows.sort((a, b) => b.score - a.score);
}
