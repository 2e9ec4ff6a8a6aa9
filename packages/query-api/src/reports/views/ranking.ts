import type { estypes } from '@elastic/elasticsearch';
import { authLogFields, type GroupableField } from '@sightline/schema';
import { aggregation, bucketKey, type EsSearchResponse, type TermsBucket } from '../es-types';
import { type Metric } from '@sightline/schema/reports';
import { metricAggs, metricOrder, type MetricBucket } from '../metrics';

/**
 * Top-N rankings in two passes, so that every count returned is exact.
 *
 * A terms aggregation over several monthly indices (or shards) asks each for its local top list and
 * adds them up: a term in the overall top N that is outside one index's list loses that index's
 * documents, and the difference lands in "Other". So the first pass only chooses candidates (with a
 * generous shard_size and the error bounds Elasticsearch reports), and the second counts exactly those
 * candidates with one filter each, which every shard answers in full. The top N is picked from the
 * exact counts.
 */

/** Each shard returns at least this many terms in the ranking pass: far past any top N asked for. */
const RANK_SHARD_SIZE = 1000;

/** Terms the ranking pass returns: the top N and a margin of runners-up that exact counts may promote. */
export function candidateCount(top: number): number {
  return top * 2 + 10;
}

/**
 * A failure rate ranks only groups with at least this many attempts: one failed attempt out of one is
 * 100 %, but says nothing about which applications fail most.
 */
export const MIN_RATE_ATTEMPTS = 10;
/** Groups the ranking pass returns for a failure-rate ranking: ranked by rate here, not by Elasticsearch. */
const RATE_CANDIDATES = 1000;

type Ranked = TermsBucket & { doc_count_error_upper_bound?: number; failed?: { doc_count: number } };

/** Whether a counted group may rank by the metric: a rate needs enough attempts to mean something. */
export function mayRank(metric: Metric, count: number): boolean {
  return metric !== 'failure_rate' || count >= MIN_RATE_ATTEMPTS;
}

/**
 * Which side of a ranking from summaries a search is (see RankProbe.records): the summaries alone, or
 * the records of the partial hours at the range's edges beside them. Each side returns as many terms
 * as a shard does in one search over both (its shard size), so that adding the two up (addRankings)
 * sees every term the one search would have added up.
 */
export type RankSide = 'summaries' | 'records';

/**
 * How a terms aggregation runs over the records searched beside summaries. By default Elasticsearch first
 * builds the shard's global ordinals, every value of the field in the shard, in order; it rebuilds
 * them after every refresh, and the current month's shard refreshes every second while data arrives.
 * For addresses, nearly one value per record, that rebuild is most of a risky-IPs ranking over 50M
 * records in one search over records and summaries (333 ms p50 and 402 ms p95, against 9 and 16 ms
 * sent apart: bench/results/summary-searches.md); `map` looks up each matching record's value instead,
 * a few ms for a few hours' records. For names, far fewer values than records, the ordinals cost less
 * than looking up every record of those hours, and stay the default.
 */
export function executionHint(field: GroupableField, side?: RankSide): { execution_hint?: 'map' } {
  return side === 'records' && authLogFields[field].kind === 'ip' ? { execution_hint: 'map' } : {};
}

/** A ranking's size and shard size: on either side of a ranking from summaries, all a shard returns. */
export function rankSizes(size: number, shardSize: number, side?: RankSide) {
  return { size: side ? shardSize : size, shard_size: shardSize };
}

/** The ranking pass: candidate terms, ordered by the metric, with their count error bounds. */
export function rankAgg(
  field: GroupableField,
  metric: Metric,
  top: number,
  side?: RankSide,
): estypes.AggregationsAggregationContainer {
  // Elasticsearch cannot order terms by a ratio here (that takes a script): a rate ranking asks for
  // many groups by attempts, with their failures, and ranks them itself.
  const size = metric === 'failure_rate' ? RATE_CANDIDATES : candidateCount(top);
  return {
    terms: {
      field,
      ...rankSizes(size, Math.max(RANK_SHARD_SIZE, size * 5), side),
      order: metricOrder(metric),
      show_term_doc_count_error: true,
      ...executionHint(field, side),
    },
    aggs: metricAggs(metric),
  };
}

type RankBucket = Ranked;

/** A ranking pass's terms answer, as far as choosing keys reads it. */
export interface RankAnswer {
  buckets: RankBucket[];
  doc_count_error_upper_bound?: number;
  sum_other_doc_count?: number;
}

/**
 * The most a key that `answer` did not return may count there: nothing when it returned every key,
 * else as much as its last key plus the error Elasticsearch reports for keys left out.
 */
function leftOutBound(answer: RankAnswer): number {
  if ((answer.sum_other_doc_count ?? 0) === 0) return 0;
  return (answer.buckets.at(-1)?.doc_count ?? 0) + Math.max(0, answer.doc_count_error_upper_bound ?? 0);
}

/**
 * One ranking from its two searches from summaries (the summaries alone, and the records of the hours
 * they leave out: see RankSide), ordered as Elasticsearch orders counts. Each key's counts (and
 * failures) add up; its error bound adds what each side may have left out: that side's bound where
 * it returned the key, else leftOutBound. Counts only: a distinct count does not add up, and
 * summaries answer no ranking by one.
 */
export function addRankings(field: GroupableField, a: RankAnswer, b: RankAnswer | undefined): RankAnswer {
  if (!b) return a;
  const sides = [a, b].map((answer) => ({
    byKey: new Map(answer.buckets.map((bucket) => [bucketKey(bucket), bucket])),
    bound: leftOutBound(answer),
  }));
  const keys = new Set(sides.flatMap((side) => [...side.byKey.keys()]));
  const buckets = [...keys].map((key): RankBucket => {
    const found = sides.map((side) => side.byKey.get(key));
    const failed = found.some((f) => f?.failed)
      ? { failed: { doc_count: found.reduce((n, f) => n + (f?.failed?.doc_count ?? 0), 0) } }
      : {};
    return {
      ...found.find((f) => f !== undefined)!,
      doc_count: found.reduce((n, f) => n + (f?.doc_count ?? 0), 0),
      doc_count_error_upper_bound: found.reduce(
        (n, f, i) => n + (f ? Math.max(0, f.doc_count_error_upper_bound ?? 0) : sides[i]!.bound),
        0,
      ),
      ...failed,
    };
  });
  buckets.sort((x, y) => y.doc_count - x.doc_count || compareKeys(field, bucketKey(x), bucketKey(y)));
  return {
    buckets,
    doc_count_error_upper_bound:
      Math.max(0, a.doc_count_error_upper_bound ?? 0) + Math.max(0, b.doc_count_error_upper_bound ?? 0),
    sum_other_doc_count: (a.sum_other_doc_count ?? 0) + (b.sum_other_doc_count ?? 0),
  };
}

/** A ranking pass's terms answer `name` on `field`: from summaries, its two searches' added up. */
export function rankingIn(
  field: GroupableField,
  name: string,
  rankResponse: EsSearchResponse,
  records?: EsSearchResponse,
): RankAnswer {
  return addRankings(
    field,
    aggregation<RankAnswer>(rankResponse, name),
    records && aggregation<RankAnswer>(records, name),
  );
}

/**
 * The keys worth counting exactly. Ranked by count, a term's true count lies between its doc_count and
 * doc_count plus its error bound: every term whose upper bound reaches the N-th lower bound may belong
 * to the top N. Ranked by a distinct count (no error bounds), every candidate returned is kept.
 */
export function chooseKeys(metric: Metric, top: number, ranked: RankAnswer): string[] {
  const buckets = ranked.buckets;
  if (metric === 'failure_rate') {
    // Candidates by approximate rate among groups that may reach the minimum; the counting pass
    // decides with exact numbers.
    const rate = (b: RankBucket) => (b.failed?.doc_count ?? 0) / Math.max(1, b.doc_count);
    return buckets
      .filter((b) => b.doc_count + Math.max(0, b.doc_count_error_upper_bound ?? 0) >= MIN_RATE_ATTEMPTS)
      .sort((a, b) => rate(b) - rate(a) || b.doc_count - a.doc_count)
      .slice(0, candidateCount(top))
      .map(bucketKey);
  }
  if (metric !== 'count') return buckets.map(bucketKey);
  const nth = buckets[top - 1];
  if (!nth) return buckets.map(bucketKey);
  return buckets
    .filter((b) => b.doc_count + Math.max(0, b.doc_count_error_upper_bound ?? 0) >= nth.doc_count)
    .map(bucketKey);
}

/** The counting pass: one filter per chosen key, each answered by every shard in full. */
export function exactAgg(
  field: GroupableField,
  keys: readonly string[],
  aggs: Record<string, estypes.AggregationsAggregationContainer>,
): estypes.AggregationsAggregationContainer {
  return {
    filters: { filters: keys.map((key) => ({ term: { [field]: key } })) },
    aggs,
  };
}

/** The exact buckets of the counting pass, paired with their keys. */
export function readExact<B extends MetricBucket>(
  keys: readonly string[],
  agg: { buckets: B[] } | undefined,
): { key: string; bucket: B }[] {
  if (keys.length === 0) return [];
  if (!agg || agg.buckets.length !== keys.length)
    throw new Error(
      `Elasticsearch answered ${agg?.buckets.length ?? 0} exact buckets for ${keys.length} keys`,
    );
  return keys.map((key, i) => ({ key, bucket: agg.buckets[i]! }));
}

/**
 * An address as Elasticsearch orders it: 16 bytes, IPv4 mapped into ::ffff:0:0/96, so every IPv4
 * address sorts after ::1 and before 2001:db8::. A key that is no address keeps its text.
 */
function ipBytes(key: string): string {
  const words = IPV4.test(key)
    ? [0, 0, 0, 0, 0, 0xffff, ...ipv4Words(key)]
    : key.includes(':')
      ? ipv6Words(key)
      : null;
  if (!words || words.length !== 8 || words.some((w) => !(w >= 0 && w <= 0xffff))) return key;
  return words.map((w) => w.toString(16).padStart(4, '0')).join('');
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function ipv4Words(v4: string): number[] {
  const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
  return [a * 256 + b, c * 256 + d];
}

function ipv6Words(key: string): number[] {
  const [head, tail] = key.includes('::') ? key.split('::') : [key, undefined];
  const parse = (part: string | undefined) =>
    part ? part.split(':').flatMap((g) => (IPV4.test(g) ? ipv4Words(g) : [parseInt(g, 16)])) : [];
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined
    ? left
    : [...left, ...Array<number>(Math.max(0, 8 - left.length - right.length)).fill(0), ...right];
}

/** By code point, as Elasticsearch compares UTF-8 bytes: JavaScript's `<` compares UTF-16 code units. */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Elasticsearch's key order for the field: addresses by their bytes, everything else by code point. */
export function compareKeys(field: GroupableField, a: string, b: string): number {
  return authLogFields[field].kind === 'ip' ? byCodePoint(ipBytes(a), ipBytes(b)) : byCodePoint(a, b);
}

/** Highest value first, ties by key: the order the ranking promises, now over exact values. */
export function pickTop<T extends { key: string; value: number }>(
  field: GroupableField,
  rows: readonly T[],
  top: number,
): T[] {
  return [...rows].sort((a, b) => b.value - a.value || compareKeys(field, a.key, b.key)).slice(0, top);
}
