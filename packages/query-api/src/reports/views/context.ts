import type { estypes } from '@elastic/elasticsearch';
import type { ResolvedRange } from '../time';

/** What each view's compiler gets: the authenticated tenant, the resolved window and the scoped query. */
export interface ViewContext {
  tenant: string;
  range: ResolvedRange;
  query: estypes.QueryDslQueryContainer;
  /**
   * The scope without the definition's filters, where a pass needs it (the availability counts of a
   * breakdown's ranking pass): given when the scope is not the records' own (summaries).
   */
  unfiltered?: estypes.QueryDslQueryContainer;
}
