import type { estypes } from '@elastic/elasticsearch';
import type { ResolvedRange } from '../time';

/** What each view's compiler gets: the authenticated tenant, the resolved window and the scoped query. */
export interface ViewContext {
  tenant: string;
  range: ResolvedRange;
  query: estypes.QueryDslQueryContainer;
}
