import {
  MAX_CONTAINS_SEARCHES,
  MAX_FILTER_LEAVES,
  MAX_FILTER_VALUES,
  MAX_SEARCH_LEAVES,
  MAX_SEARCH_LENGTH,
  MAX_SEARCH_TEXT,
} from '../limits';
import { SEARCHABLE_FIELDS } from './searchable';
import type { FilterNode } from './types';

/** What a filter tree costs Elasticsearch, in the terms the limits are written in. */
export interface FilterCost {
  leaves: number;
  values: number;
  searchLeaves: number;
  /** Searches matching anywhere in a value: each scans every term of its field. */
  containsLeaves: number;
  /** Characters of all search texts together. */
  searchText: number;
  /** The longest single search text. */
  longestSearch: number;
}

/**
 * Sums a tree's cost (its depth is already bounded, so recursion is safe). Zod runs the
 * definition's refinement even when a leaf failed its own check (a search with no text), so a
 * missing value costs nothing here and its own issue names the problem.
 */
export function filterCost(node: FilterNode, cost: FilterCost = emptyCost()): FilterCost {
  if ('and' in node) node.and.forEach((n) => filterCost(n, cost));
  else if ('or' in node) node.or.forEach((n) => filterCost(n, cost));
  else if ('not' in node) filterCost(node.not, cost);
  else if ('text' in node) {
    const length = typeof node.text === 'string' ? node.text.trim().length : 0;
    cost.leaves++;
    cost.values++;
    cost.searchLeaves++;
    // One scan of the terms of every field it looks in.
    cost.containsLeaves += Array.isArray(node.fields) ? node.fields.length : SEARCHABLE_FIELDS.length;
    cost.searchText += length;
    cost.longestSearch = Math.max(cost.longestSearch, length);
  } else {
    cost.leaves++;
    cost.values += node.op === 'in' ? (Array.isArray(node.values) ? node.values.length : 0) : 1;
    if (node.op === 'search') {
      const length = typeof node.value === 'string' ? node.value.trim().length : 0;
      cost.searchLeaves++;
      if (node.match !== 'prefix') cost.containsLeaves++;
      cost.searchText += length;
      cost.longestSearch = Math.max(cost.longestSearch, length);
    }
  }
  return cost;
}

function emptyCost(): FilterCost {
  return { leaves: 0, values: 0, searchLeaves: 0, containsLeaves: 0, searchText: 0, longestSearch: 0 };
}

/** One message per limit the tree goes over, each naming the limit and what the tree has. */
export function budgetProblems(cost: FilterCost): string[] {
  const problems: string[] = [];
  if (cost.leaves > MAX_FILTER_LEAVES)
    problems.push(`filters hold ${cost.leaves} comparisons; at most ${MAX_FILTER_LEAVES} are allowed`);
  if (cost.values > MAX_FILTER_VALUES)
    problems.push(`filters hold ${cost.values} values; at most ${MAX_FILTER_VALUES} are allowed`);
  if (cost.searchLeaves > MAX_SEARCH_LEAVES)
    problems.push(`filters hold ${cost.searchLeaves} searches; at most ${MAX_SEARCH_LEAVES} are allowed`);
  if (cost.containsLeaves > MAX_CONTAINS_SEARCHES)
    problems.push(
      `filters hold ${cost.containsLeaves} contains-searches; at most ${MAX_CONTAINS_SEARCHES} are allowed (prefix searches, match: 'prefix', are cheap and count only towards ${MAX_SEARCH_LEAVES} searches)`,
    );
  if (cost.longestSearch > MAX_SEARCH_LENGTH)
    problems.push(
      `a search text is ${cost.longestSearch} characters long; at most ${MAX_SEARCH_LENGTH} are allowed`,
    );
  if (cost.searchText > MAX_SEARCH_TEXT)
    problems.push(
      `search texts total ${cost.searchText} characters; at most ${MAX_SEARCH_TEXT} are allowed in all`,
    );
  return problems;
}
