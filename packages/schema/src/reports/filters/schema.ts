import { z } from 'zod';
import { authLogFields, fieldNames, filterableFields, isFieldName } from '../../log';
import { ipOrdinal } from './ip-order';
import {
  FILTER_OPS,
  SEARCH_MATCHES,
  type FilterLeaf,
  type FilterNode,
  type SearchMatch,
  type TextSearch,
} from './types';
import { valueProblem } from './values';

const MAX_IN_VALUES = 1000;
const searchableFields = fieldNames.filter((n) => authLogFields[n].searchable && authLogFields[n].filterable);
const rangeKinds = new Set(['long', 'date', 'ip']);

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** Which of the optional operands each op takes; anything else present is a mistake worth naming. */
const OPERANDS = {
  eq: ['value'],
  not: ['value'],
  in: ['values'],
  exists: ['value'],
  range: ['gte', 'lte'],
  search: ['value', 'match'],
} as const satisfies Record<(typeof FILTER_OPS)[number], readonly string[]>;

type RawLeaf = {
  field: string;
  op: (typeof FILTER_OPS)[number];
  value?: string | number | boolean;
  values?: (string | number | boolean)[];
  gte?: string | number;
  lte?: string | number;
  match?: SearchMatch;
};

function checkLeaf(leaf: RawLeaf, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  if (!isFieldName(leaf.field)) return issue(['field'], `unknown field '${leaf.field}'`);
  const spec = authLogFields[leaf.field];
  if (!spec.filterable) return issue(['field'], `field '${leaf.field}' cannot be used in a filter`);
  const allowed: readonly string[] = OPERANDS[leaf.op];
  for (const key of ['value', 'values', 'gte', 'lte', 'match'] as const) {
    if (leaf[key] !== undefined && !allowed.includes(key))
      issue([key], `'${key}' is not an operand of op '${leaf.op}' (it takes ${allowed.join(' / ')})`);
  }
  const check = (path: (string | number)[], value: unknown, forRange = false) => {
    const problem = valueProblem(spec, value, forRange);
    if (problem) issue(path, `${leaf.field}: ${problem}`);
  };
  switch (leaf.op) {
    case 'eq':
    case 'not':
      return check(['value'], leaf.value);
    case 'in':
      if (!leaf.values?.length) return issue(['values'], `op 'in' needs a non-empty 'values' array`);
      leaf.values.forEach((v, i) => check(['values', i], v));
      return;
    case 'exists':
      if (leaf.value !== undefined && typeof leaf.value !== 'boolean')
        issue(['value'], `op 'exists' takes value true or false`);
      return;
    case 'search':
      if (!spec.searchable)
        return issue(
          ['field'],
          `field '${leaf.field}' is not searchable (search works on ${searchableFields.join(', ')})`,
        );
      if (typeof leaf.value !== 'string' || leaf.value.trim() === '')
        issue(['value'], `op 'search' needs a non-empty string value`);
      return;
    case 'range':
      return checkRange(leaf, spec.kind, check, issue);
  }
}

function checkRange(
  leaf: RawLeaf,
  kind: string,
  check: (path: string[], value: unknown, forRange: boolean) => void,
  issue: (path: string[], message: string) => void,
): void {
  if (!rangeKinds.has(kind))
    return issue(['field'], `op 'range' needs a number, date or IP field; '${leaf.field}' is ${kind}`);
  if (leaf.gte === undefined && leaf.lte === undefined)
    return issue([], `op 'range' needs 'gte', 'lte' or both`);
  if (leaf.gte !== undefined) check(['gte'], leaf.gte, true);
  if (leaf.lte !== undefined) check(['lte'], leaf.lte, true);
  if (leaf.gte === undefined || leaf.lte === undefined) return;
  const [lo, hi] = [rangeBound(kind, leaf.gte), rangeBound(kind, leaf.lte)];
  if (lo !== null && hi !== null && lo > hi)
    issue(['gte'], `range on '${leaf.field}': gte ${leaf.gte} is after lte ${leaf.lte}`);
}

/** Where a bound lies, comparable with the other bound of the same field; null when it cannot be read. */
function rangeBound(kind: string, value: string | number): number | bigint | null {
  if (kind === 'ip') return typeof value === 'string' ? ipOrdinal(value) : null;
  const at = typeof value === 'number' ? value : Date.parse(value);
  return Number.isNaN(at) ? null : at;
}

const leafSchema = z
  .strictObject({
    field: z.string().meta({ enum: filterableFields, description: 'A filterable field (GET /api/fields)' }),
    op: z.enum(FILTER_OPS),
    value: scalar.optional(),
    values: z.array(scalar).max(MAX_IN_VALUES).optional(),
    gte: z.union([z.string(), z.number()]).optional(),
    lte: z.union([z.string(), z.number()]).optional(),
    match: z.enum(SEARCH_MATCHES).optional(),
  })
  .superRefine(checkLeaf) as unknown as z.ZodType<FilterLeaf>;

/** Free text over several fields: the schema's searchable fields, each named once. */
const textSchema = z.strictObject({
  text: z.string().refine((t) => t.trim() !== '', 'a text search needs some text'),
  fields: z
    .array(
      z.enum(searchableFields as [string, ...string[]], {
        message: `a text search looks in ${searchableFields.join(', ')}`,
      }),
    )
    .min(1)
    .refine((f) => new Set(f).size === f.length, 'a text search names each field once')
    .optional(),
}) as unknown as z.ZodType<TextSearch>;

/** Runtime schema of a filter tree, with a message naming the field for each problem. */
export const filterSchema: z.ZodType<FilterNode> = z
  .lazy(() =>
    z.union([
      z.strictObject({ and: z.array(filterSchema).min(1).max(100) }),
      z.strictObject({ or: z.array(filterSchema).min(1).max(100) }),
      z.strictObject({ not: filterSchema }),
      textSchema,
      leafSchema,
    ]),
  )
  .meta({
    id: 'FilterNode',
    description:
      'A filter tree: leaves and text searches ({text, fields?}: the text is contained in at least one of the searchable fields) combined with and / or / not',
  });
