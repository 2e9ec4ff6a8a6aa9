import { MAX_FILTER_DEPTH } from '../limits';

/**
 * How deep a filter tree as received nests through `and`, `or` and `not`, counted without recursion
 * and without looking further than one level past `limit`: a tree nested thousands of levels deep
 * must be refused before any recursive validator or compiler walks it and runs out of stack.
 */
export function rawFilterDepth(input: unknown, limit = MAX_FILTER_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[input, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    if (node === null || typeof node !== 'object' || Array.isArray(node)) continue;
    const record = node as Record<string, unknown>;
    for (const key of ['and', 'or'] as const) {
      const children = record[key];
      if (Array.isArray(children)) for (const child of children) stack.push([child, depth + 1]);
    }
    if ('not' in record) stack.push([record.not, depth + 1]);
  }
  return deepest;
}
