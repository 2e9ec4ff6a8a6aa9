import type { estypes } from '@elastic/elasticsearch';
import type { FieldName } from '@sightline/schema';
import type { ResolvedRange } from '@sightline/schema/reports';

/** What each view's compiler gets: the authenticated tenant, the resolved window and the scoped query. */
export interface ViewContext {
  tenant: string;
  range: ResolvedRange;
  query: estypes.QueryDslQueryContainer;
  /**
   * The scope without the definition's filters, where a search needs it (a breakdown's presence
   * probes): given when the scope is not the records' own (summaries).
   */
  unfiltered?: estypes.QueryDslQueryContainer;
  /**
   * Whether a document carries a field, where the scope is not the records' own: a cube counting
   * only some records says which fields the others carried (summaries/plan.ts, carriesField).
   */
  carries?: (field: FieldName) => estypes.QueryDslQueryContainer;
  /**
   * Whether the search reads summaries: instants an aggregation names are then put on the hour
   * wherever that gives the same answer, so that the summaries' shards see the same search for
   * every range within the same hours and answer it from their request cache (see tsWithin).
   */
  summaries?: boolean;
}
