import type { estypes } from '@elastic/elasticsearch';
import { zoneOffset, type FieldName } from '@sightline/schema';
import { compileFilter } from '../reports/filters/compile';
import type { FilterNode } from '@sightline/schema/reports';
import {
  dailyCubeOf,
  DAY_MS,
  HOUR_MS,
  SUMMARY_CUBES,
  SUMMARY_INDEX_PREFIX,
  SUMMARY_PRESENT,
  summaryIndex,
  type DailyCubeName,
  type SummaryCube,
  type SummaryCubeName,
} from './cubes';

/** How far the summaries reach: what the summariser has finished, read by the server for each report. */
/** How far the summaries reach. A field added here is compared in sameCoverage (server/run.ts) too. */
export interface SummaryCoverage {
  /** Every hour that starts before this instant (epoch ms, on the hour) is summarised for every customer. */
  through: number;
}

/** A half-open window [from, to) in epoch milliseconds. */
export interface Window {
  from: number;
  to: number;
}

/** Which part of a report's range comes from which source. */
export interface SummarySplit {
  cube: SummaryCubeName;
  /** The indices to search: the raw records' read alias and the cube's summaries. */
  index: string;
  /** Whole hours answered from summaries. */
  summarised: Window[];
  /** The rest (partial hours at the edges, hours not summarised yet), answered from the records. */
  raw: Window[];
}

export const floorHour = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;
const ceilHour = (ms: number) => Math.ceil(ms / HOUR_MS) * HOUR_MS;
export const floorDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
export const ceilDay = (ms: number) => Math.ceil(ms / DAY_MS) * DAY_MS;

/**
 * The whole UTC days of the summarised hours between consecutive `boundaries` (see splitWindows),
 * each segment on its own: splitWindows joins the summarised hours of neighbouring segments when a
 * cut point falls on the hour, and a day across one (the start of the period compared with) would
 * count the period's hours in the day before it.
 */
export function wholeDays(boundaries: readonly number[], through: number): Window[] {
  const days: Window[] = [];
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const from = ceilDay(ceilHour(boundaries[i]!));
    const to = floorDay(Math.min(floorHour(boundaries[i + 1]!), through));
    if (to > from) days.push({ from, to });
  }
  return days;
}

/**
 * Splits consecutive windows (`boundaries`: from, any cut points such as the start of the period a
 * headline compares with, to) into whole summarised hours and raw remainders. An hour that holds a
 * cut point is read raw, so that every summary document falls wholly inside one window.
 */
export function splitWindows(
  boundaries: readonly number[],
  through: number,
): Omit<SummarySplit, 'cube' | 'index'> {
  const summarised: Window[] = [];
  const raw: Window[] = [];
  const push = (list: Window[], from: number, to: number) => {
    if (to <= from) return;
    const last = list.at(-1);
    if (last && last.to === from) last.to = to;
    else list.push({ from, to });
  };
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const from = boundaries[i]!;
    const to = boundaries[i + 1]!;
    const hoursFrom = ceilHour(from);
    const hoursTo = Math.min(floorHour(to), through);
    if (hoursTo > hoursFrom) {
      push(raw, from, hoursFrom);
      push(summarised, hoursFrom, hoursTo);
      push(raw, hoursTo, to);
    } else push(raw, from, to);
  }
  return { summarised, raw };
}

/**
 * The fields a filter tree compares, or null when it holds a test summaries cannot answer: free
 * text and substring search read a lower-cased twin field and ranges compare values summaries do
 * not keep (times within the hour, addresses).
 */
export function filterFields(node: FilterNode | undefined): Set<FieldName> | null {
  const fields = new Set<FieldName>();
  const walk = (n: FilterNode): boolean => {
    if ('and' in n) return n.and.every(walk);
    if ('or' in n) return n.or.every(walk);
    if ('not' in n) return walk(n.not);
    if ('text' in n) return false;
    if (n.op === 'range' || n.op === 'search') return false;
    fields.add(n.field);
    return true;
  };
  return node === undefined || walk(node) ? fields : null;
}

/**
 * Whether every record passing `filter` passes `condition`, proved from their shapes: a conjunction
 * implies what one of its parts implies, a disjunction what all of its branches imply, and a leaf a
 * disjunction holding it. Sound, not complete: what it cannot prove reads the records.
 */
export function implies(filter: FilterNode | undefined, condition: FilterNode): boolean {
  if (!filter) return false;
  if (sameNode(filter, condition)) return true;
  if ('and' in filter && filter.and.some((f) => implies(f, condition))) return true;
  if ('or' in filter) return filter.or.length > 0 && filter.or.every((f) => implies(f, condition));
  if ('or' in condition) return condition.or.some((c) => implies(filter, c));
  if ('and' in condition) return condition.and.every((c) => implies(filter, c));
  // `in` one value is `eq` that value.
  if ('op' in filter && filter.op === 'in' && 'op' in condition && condition.op === 'eq')
    return (
      filter.field === condition.field &&
      filter.values.length > 0 &&
      filter.values.every((v) => v === condition.value)
    );
  return false;
}

const sameNode = (a: FilterNode, b: FilterNode) => JSON.stringify(a) === JSON.stringify(b);

/** What a report needs of a cube besides its fields. */
export interface CubeNeeds {
  /** The centroid sums of the records' positions (maps). */
  centroid?: boolean;
}

/**
 * The smallest cube that holds every field in `needs` (and the centroid sums when asked), among the
 * cubes counting every record and those whose condition `filters` implies; or null.
 */
export function cubeFor(
  needs: Iterable<FieldName>,
  filters?: FilterNode,
  also: CubeNeeds = {},
): SummaryCubeName | null {
  const wanted = [...needs];
  const cube = SUMMARY_CUBES.find(
    (c: SummaryCube) =>
      wanted.every((f) => (c.fields as readonly string[]).includes(f)) &&
      (!also.centroid || c.centroid === true) &&
      (!c.where || implies(filters, c.where)),
  );
  return cube?.name ?? null;
}

/**
 * Whether, and how, summaries answer a report needing `needs` over the windows between
 * `boundaries`: null when no cube holds the fields, the filters test what summaries cannot, or not
 * one whole summarised hour falls in the range (then the records alone are cheaper).
 */
export function planSummaries(
  needs: Iterable<FieldName>,
  filters: FilterNode | undefined,
  boundaries: readonly number[],
  coverage: SummaryCoverage | undefined,
  readAlias: string,
  also: CubeNeeds = {},
): SummarySplit | null {
  if (!coverage) return null;
  const filtered = filterFields(filters);
  if (!filtered) return null;
  const cube = cubeFor([...needs, ...filtered], filters, also);
  if (!cube) return null;
  const split = splitWindows(boundaries, coverage.through);
  if (split.summarised.length === 0) return null;
  return { cube, index: `${readAlias},${summaryIndex(cube)}`, ...split };
}

const inWindow = (w: Window): estypes.QueryDslQueryContainer => ({
  range: { ts: { gte: w.from, lt: w.to, format: 'epoch_millis' } },
});
/**
 * A summary document, told from a record by the index it is in: Elasticsearch settles a query on
 * `_index` once per shard (all or nothing) where an `exists` on the marker field tests every
 * document, which at 20M records was a tenth of the risky-IPs ranking.
 */
const isSummary: estypes.QueryDslQueryContainer = { prefix: { _index: `${SUMMARY_INDEX_PREFIX}-` } };

/**
 * Whole days read from daily cubes (MultiCubeSplit): within `days`, the documents of `daily` stand
 * for those of `hourly`, which the search then leaves out, so it reads a document per day instead
 * of one per hour.
 */
export interface DailyReads {
  hourly: readonly SummaryCubeName[];
  daily: readonly DailyCubeName[];
  days: readonly Window[];
}

/** A document in one of `windows`; none at all when there is none (an empty `should` would match everything). */
const anyWindow = (windows: readonly Window[]): estypes.QueryDslQueryContainer =>
  windows.length > 0
    ? { bool: { should: windows.map(inWindow), minimum_should_match: 1 } }
    : { match_none: {} };
/** The documents of these cubes, told by their indices as summaries are (see isSummary). */
const markedAs = (cubes: readonly (SummaryCubeName | DailyCubeName)[]): estypes.QueryDslQueryContainer =>
  cubes.length === 1
    ? { term: { _index: summaryIndex(cubes[0]!) } }
    : { terms: { _index: cubes.map(summaryIndex) } };

/**
 * The scoped query of a report over records and summaries together: the tenant AND the filters AND
 * (a summary document in a summarised hour OR a record in a raw window). As with the records
 * alone, the tenant comes from the credentials and the filters are one more conjunct. With daily
 * reads, a daily document in one of its days stands for the hourly documents of its cube there, and
 * no daily document counts anywhere else (the search's indices hold them whether or not it reads a
 * whole day).
 */
export function summaryScopedQuery(
  tenant: string,
  split: Pick<SummarySplit, 'summarised' | 'raw'> & { daily?: DailyReads },
  filters?: FilterNode,
): estypes.QueryDslQueryContainer {
  if (!tenant) throw new Error('a report needs a tenant');
  const { daily } = split;
  const days = daily && daily.days.length > 0 ? daily : undefined;
  const sources: estypes.QueryDslQueryContainer[] = [];
  if (split.summarised.length > 0)
    sources.push({
      bool: {
        filter: [isSummary, anyWindow(split.summarised)],
        ...(daily
          ? {
              must_not: [
                markedAs(daily.daily),
                ...(days ? [{ bool: { filter: [markedAs(days.hourly), anyWindow(days.days)] } }] : []),
              ],
            }
          : {}),
      },
    });
  if (days) sources.push({ bool: { filter: [markedAs(days.daily), anyWindow(days.days)] } });
  if (split.raw.length > 0) sources.push({ bool: { must_not: [isSummary], filter: [anyWindow(split.raw)] } });
  return {
    bool: {
      filter: [
        { term: { customer_id: tenant } },
        sources.length > 0 ? { bool: { should: sources, minimum_should_match: 1 } } : { match_none: {} },
        ...(filters ? [compileFilter(filters)] : []),
      ],
    },
  };
}

/**
 * Whether the time zone is a whole number of hours from UTC throughout [from, to): only then does
 * every summarised hour fall inside one bucket of an hourly or coarser histogram (India's +5:30
 * would split it). Sampled daily and at both ends: zones change offset at most a few times a year.
 */
export function wholeHourOffsets(timeZone: string, from: number, to: number): boolean {
  const step = Math.max(24 * HOUR_MS, Math.ceil((to - from) / 2000));
  for (let t = from; ; t = Math.min(t + step, to)) {
    // UTC+5 and UTC-11 are whole hours; India's +5:30 is not.
    if (zoneOffset(t, timeZone) % HOUR_MS !== 0) return false;
    if (t >= to) return true;
  }
}

/**
 * Whether a summary document or record carries `field`, for the check of which fields the data
 * carries: a record or summary document holding a value, or a conditioned cube's presence document
 * naming it (see SummaryCube.where).
 */
export function carriesField(field: FieldName): estypes.QueryDslQueryContainer {
  return {
    bool: {
      should: [{ exists: { field } }, { term: { [SUMMARY_PRESENT]: field } }],
      minimum_should_match: 1,
    },
  };
}

/**
 * Restricts an aggregation over several cubes to one of them (with its daily cube, when a search
 * reads whole days from that: see DailyReads): its summary documents and the raw records (which
 * count for every field). Each cube counts every record once, so a field counted from its own cube
 * counts each record once too, in a search over several.
 */
export function countedBy(cube: SummaryCubeName | CountingCubes): estypes.QueryDslQueryContainer {
  const cubes = typeof cube === 'string' ? [cube] : cube;
  return {
    bool: {
      should: [markedAs(cubes), { bool: { must_not: [isSummary] } }],
      minimum_should_match: 1,
    },
  };
}

/**
 * The documents of [from, to) in a search over summaries and records: a record by its own time, a
 * summary document by the hour or day it stands for. The hours holding `from` and `to` are read from
 * the records (splitWindows), so a summary document is in the window exactly when it starts in
 * [ceilHour(from), floorHour(to)). Written so that a summaries shard, which drops the records'
 * clause before it looks in its request cache, sees only those whole hours: every range within the
 * same hours asks it the same search, answered from the cache until the summariser next writes
 * there, where the exact instants made it count its documents afresh for every report
 * (bench/results/summary-searches.md). Over the records alone (`summaries` false), their range.
 */
export function tsWithin(window: Window, summaries: boolean): estypes.QueryDslQueryContainer {
  if (!summaries) return inWindow(window);
  return {
    bool: {
      should: [
        {
          bool: { filter: [isSummary, inWindow({ from: ceilHour(window.from), to: floorHour(window.to) })] },
        },
        { bool: { must_not: [isSummary], filter: [inWindow(window)] } },
      ],
      minimum_should_match: 1,
    },
  };
}

/**
 * An aggregation over one field's cubes and the records (see countedBy), in a search over several
 * cubes; as it is over the records alone (no cube).
 */
export function countedIn(
  cube: CountingCubes | undefined,
  agg: estypes.AggregationsAggregationContainer,
): estypes.AggregationsAggregationContainer {
  return cube ? { filter: countedBy(cube), aggs: { [COUNTED]: agg } } : agg;
}

const COUNTED = 'counted';
/** What countedIn wrapped, unwrapped from a response. */
export function readCounted<T>(agg: unknown): T | undefined {
  const wrapped = agg as Record<string, unknown> | undefined;
  return (wrapped && COUNTED in wrapped ? wrapped[COUNTED] : wrapped) as T | undefined;
}

/** The cubes whose documents count a field: its hourly cube, and the daily one standing for it over whole days. */
export type CountingCubes = readonly [SummaryCubeName] | readonly [SummaryCubeName, DailyCubeName];

/** A split's windows clipped to `window`: the part of a search over several periods that falls in one. */
export function clippedTo(
  split: Pick<MultiCubeSplit, 'summarised' | 'raw' | 'daily'>,
  window: Window,
): Pick<MultiCubeSplit, 'summarised' | 'raw' | 'daily'> {
  const clip = (windows: readonly Window[]) =>
    windows.flatMap((w) => {
      const from = Math.max(w.from, window.from);
      const to = Math.min(w.to, window.to);
      return to > from ? [{ from, to }] : [];
    });
  return {
    summarised: clip(split.summarised),
    raw: clip(split.raw),
    ...(split.daily ? { daily: { ...split.daily, days: clip(split.daily.days) } } : {}),
  };
}

/** Which cubes count each of several fields, and the search over them all. */
export interface MultiCubeSplit extends Omit<SummarySplit, 'cube'> {
  /** Per field, in the order asked. */
  cubes: CountingCubes[];
  /** The whole days read from daily cubes, if any field's cube has one that holds what it needs. */
  daily?: DailyReads;
}

/**
 * Like planSummaries, for a report counting several fields each on its own (out of the ordinary):
 * each field from the smallest cube holding it and the filters' fields, in one search over the
 * records and all of those cubes. Where that cube has a daily cube holding the same (every field it
 * counts, and the filters'), the whole days of the range come from the daily cube. Null when one
 * field has no cube.
 */
export function planMultiCube(
  fields: readonly FieldName[],
  filters: FilterNode | undefined,
  boundaries: readonly number[],
  coverage: SummaryCoverage | undefined,
  readAlias: string,
): MultiCubeSplit | null {
  if (!coverage || fields.length === 0) return null;
  const filtered = filterFields(filters);
  if (!filtered) return null;
  const hourly: SummaryCubeName[] = [];
  for (const field of fields) {
    const cube = cubeFor([field, ...filtered], filters);
    if (!cube) return null;
    hourly.push(cube);
  }
  const split = splitWindows(boundaries, coverage.through);
  if (split.summarised.length === 0) return null;
  const days = wholeDays(boundaries, coverage.through);
  const dailyOf = new Map<SummaryCubeName, DailyCubeName>();
  for (const cube of new Set(hourly)) {
    const daily = dailyCubeOf(cube);
    const needs = [...filtered, ...fields.filter((_, i) => hourly[i] === cube)];
    if (daily && days.length > 0 && needs.every((f) => (daily.fields as readonly string[]).includes(f)))
      dailyOf.set(cube, daily.name);
  }
  const cubes = hourly.map((cube): CountingCubes => {
    const daily = dailyOf.get(cube);
    return daily ? [cube, daily] : [cube];
  });
  const indices = [...new Set(cubes.flat())].map(summaryIndex);
  return {
    cubes,
    index: [readAlias, ...indices].join(','),
    ...split,
    ...(dailyOf.size > 0
      ? { daily: { hourly: [...dailyOf.keys()], daily: [...dailyOf.values()], days } }
      : {}),
  };
}
