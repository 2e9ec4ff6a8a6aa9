import type { estypes } from '@elastic/elasticsearch';

/** Saved views of every customer, one document per customer and name. */
export const VIEWS_INDEX = 'sightline-views';

const keyword = { type: 'keyword' } as const;

export const viewsMapping: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    id: keyword,
    customer: keyword,
    name: keyword,
    // The name folded for sorting and for telling names apart: "Failures" and "failures" are one view.
    key: keyword,
    // Read back verbatim, never searched.
    url: { type: 'keyword', index: false, doc_values: false },
    owner: keyword,
    createdAt: { type: 'date' },
  },
};
