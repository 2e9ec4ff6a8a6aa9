import type { estypes } from '@elastic/elasticsearch';
import { countedBy, countedIn, readCounted, tsWithin, type CountingCubes } from '../../summaries/plan';
import {
  type FilterNode,
  type ResolvedRange,
  SIGNIFICANT_BACKGROUND_DAYS,
  SIGNIFICANT_CANDIDATES,
  type SignificantField,
  type SignificantResult,
  type SignificantRow,
  type SignificantView,
} from '@sightline/schema/reports';
import { aggregation, bucketKey, totalHits, type EsSearchResponse, type SearchBody } from '../es-types';
import { scopedQuery } from '../query';
import type { ViewContext } from './context';
import { addRankings, executionHint, rankSizes, type RankAnswer, type RankSide } from './ranking';

type Candidate = { doc_count: number; period: { doc_count: number } };

const DAY = 86_400_000;
/** A value must occur at least this often in the period to be reported at all. */
export const MIN_SUPPORT = 5;
/** …and be at least this many times as frequent as before: normal traffic (about 1×) never ranks. */
export const MIN_LIFT = 1.5;
const aggName = (i: number) => `significant_${i}`;

/** The window the period is compared with: the SIGNIFICANT_BACKGROUND_DAYS before it, or as long as it when longer. */
export function backgroundWindow(range: { from: number; to: number }): { from: number; to: number } {
  const span = Math.max(SIGNIFICANT_BACKGROUND_DAYS * DAY, range.to - range.from);
  return { from: range.from - span, to: range.from };
}

/**
 * The period against the same customer's background: the same filters over the window before the
 * period (backgroundWindow), never the period itself, which would make every value look like its
 * own normal.
 *
 * Two passes, as for top-N rankings (ranking.ts). Not significant_terms: that aggregation counts the
 * background only on shards that hold period documents, and with monthly indices a 30-day background
 * spans two of them. Nor one terms aggregation over background and period ordered by the period's
 * count: each index returns its own top list, and in an index without period records (last month's)
 * every value ties at zero, so only the first 1,510 values by name came back and a value later in the
 * alphabet lost that month's background (a user with 41 attempts before was reported with 1, lift
 * ×1,147). So the ranking pass (the probe) takes the values most frequent in the period, and the
 * counting pass counts each of them exactly, in the period and before it, with one filter each.
 */
export function compileSignificantRank(
  view: SignificantView,
  ctx: ViewContext,
  cubes?: readonly CountingCubes[],
  side?: RankSide,
): SearchBody {
  const aggs = Object.fromEntries(
    view.fields.map((field, i) => [
      aggName(i),
      countedIn(cubes?.[i], {
        terms: {
          field,
          ...rankSizes(SIGNIFICANT_CANDIDATES, SIGNIFICANT_CANDIDATES * 5, side),
          order: [{ _count: 'desc' as const }, { _key: 'asc' as const }],
          ...executionHint(field, side),
        },
      }),
    ]),
  );
  return { size: 0, track_total_hits: false, request_cache: true, query: ctx.query, aggs };
}

/**
 * Per field, the period's values the counting pass counts, from the ranking pass's answer: from
 * summaries, with its answer over the records beside them (`records`), each value's counts added and
 * the most frequent kept.
 */
export function significantKeys(
  view: SignificantView,
  rankResponse: EsSearchResponse,
  records?: EsSearchResponse,
): string[][] {
  const ranking = (response: EsSearchResponse, i: number) =>
    readCounted<RankAnswer>(response.aggregations?.[aggName(i)]) ?? { buckets: [] };
  return view.fields.map((field, i) =>
    addRankings(field, ranking(rankResponse, i), records && ranking(records, i))
      .buckets.slice(0, SIGNIFICANT_CANDIDATES)
      .map(bucketKey),
  );
}

/**
 * The counting pass's query: the records of the period and of the background before it, with the
 * definition's filters. From summaries it is their scoped query over the same span instead.
 */
export function significantQuery(
  tenant: string,
  range: ResolvedRange,
  filters: FilterNode | undefined,
): estypes.QueryDslQueryContainer {
  return scopedQuery(tenant, { from: backgroundWindow(range).from, to: range.to }, filters);
}

/**
 * The counting pass: the background and the period, each candidate value counted exactly in both.
 * From summaries (`cubes`: per field, the cube counting it), every count reads its own cube and the
 * records, the totals are buckets (which count a summary document as its records; hits would
 * count it once), read from the first field's cube, and the period is told apart by tsWithin, so
 * the summaries' shards answer every range within the same hours from their request cache.
 */
export function compileSignificant(
  view: SignificantView,
  query: estypes.QueryDslQueryContainer,
  range: ResolvedRange,
  keys: readonly (readonly string[])[],
  cubes?: readonly CountingCubes[],
): SearchBody {
  const inPeriod = tsWithin(range, cubes !== undefined);
  const period = { filter: inPeriod };
  const aggs = Object.fromEntries(
    view.fields.flatMap((field, i) =>
      (keys[i]?.length ?? 0) > 0
        ? [[aggName(i), countedIn(cubes?.[i], candidatesAgg(field, keys[i]!, { period }))]]
        : [],
    ),
  );
  const totals: Record<string, estypes.AggregationsAggregationContainer> = cubes?.[0]
    ? {
        period: { filter: { bool: { filter: [inPeriod, countedBy(cubes[0])] } } },
        all: { filter: countedBy(cubes[0]) },
      }
    : { period };
  return {
    size: 0,
    track_total_hits: !cubes,
    request_cache: true,
    query,
    aggs: { ...totals, ...aggs },
  };
}

/**
 * Counts exactly `keys` of `field`, each with `aggs`: one terms aggregation restricted to them
 * (`include`), each shard returning every one it holds (size and shard_size are their number), so no
 * shard truncates a list and every count is exact. Over a 30-day background this is three to four
 * times faster than one filter per key (`filters`, as the rankings' counting pass does), which reads
 * the matching documents once per key (bench/results/scale.md). A key no record holds has no bucket.
 */
export function candidatesAgg(
  field: SignificantField,
  keys: readonly string[],
  aggs: Record<string, estypes.AggregationsAggregationContainer>,
): estypes.AggregationsAggregationContainer {
  return {
    terms: { field, include: [...keys], size: keys.length, shard_size: keys.length, min_doc_count: 1 },
    aggs,
  };
}

/** candidatesAgg's buckets by the keys asked for, a key without a bucket counted as none. */
function readCandidates(
  keys: readonly string[],
  agg: { buckets: (Candidate & { key: string | number })[] } | undefined,
): { key: string; bucket: Candidate }[] {
  const byKey = new Map((agg?.buckets ?? []).map((b) => [String(b.key), b]));
  return keys.map((key) => ({ key, bucket: byKey.get(key) ?? { doc_count: 0, period: { doc_count: 0 } } }));
}

/**
 * A value's rate before the period. A value never seen before is given half an occurrence, so that
 * it has a finite lift that still ranks it far above anything seen before.
 */
function rateBefore(bgCount: number, bgTotal: number): number {
  return Math.max(bgCount, 0.5) / Math.max(bgTotal, 1);
}

/** JLH: how much more likely the term is in the period than before, weighted by the absolute change. */
export function jlhScore(count: number, periodTotal: number, bgCount: number, bgTotal: number): number {
  if (periodTotal === 0) return 0;
  const fg = count / periodTotal;
  const bg = rateBefore(bgCount, bgTotal);
  return fg > bg ? (fg - bg) * (fg / bg) : 0;
}

export function parseSignificant(
  view: SignificantView,
  response: EsSearchResponse,
  keys: readonly (readonly string[])[],
): Omit<SignificantResult, 'meta'> {
  const periodTotal = aggregation<{ doc_count: number }>(response, 'period').doc_count;
  const all = response.aggregations?.all as { doc_count: number } | undefined;
  const bgTotal = (all ? all.doc_count : totalHits(response)) - periodTotal;
  const rows: SignificantRow[] = view.fields.flatMap((field: SignificantField, i) =>
    readCandidates(
      keys[i] ?? [],
      readCounted<{ buckets: (Candidate & { key: string })[] }>(response.aggregations?.[aggName(i)]),
    )
      .filter(({ bucket }) => bucket.period.doc_count >= MIN_SUPPORT)
      .map(({ key, bucket: b }) => {
        const count = b.period.doc_count;
        const backgroundCount = b.doc_count - count;
        const rate = count / periodTotal;
        const backgroundRate = backgroundCount / Math.max(bgTotal, 1);
        return {
          field,
          key,
          score: jlhScore(count, periodTotal, backgroundCount, bgTotal),
          count,
          backgroundCount,
          rate,
          backgroundRate,
          lift: rate / rateBefore(backgroundCount, bgTotal),
        };
      })
      .filter((r) => r.score > 0 && r.lift >= MIN_LIFT)
      .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1))
      .slice(0, view.size),
  );
  rows.sort((a, b) => b.score - a.score);
  return { view: 'significant', rows };
}
