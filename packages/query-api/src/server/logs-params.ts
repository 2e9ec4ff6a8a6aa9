import { z } from 'zod';
import {
  authLogFields,
  fieldNames,
  isFieldName,
  type FieldName,
  type SortableField,
} from '@sightline/schema';
import type { FilterNode, Issue, ReportDefinition } from '@sightline/schema/reports';

const text = z.string().optional();

/**
 * The query parameters of GET /api/logs (and of the export) that are not field filters: any other key
 * names a field. All text here, as a URL has them; the definition they build is validated as a whole
 * (see logDefinitionFromQuery), so a bad value is refused with the definition's own message and path.
 */
export const logQuerySchema = z.looseObject({
  from: text,
  to: text,
  last: text,
  tz: text,
  filter: text,
  q: text,
  columns: text,
  sort: text,
  pageSize: text,
  cursor: text,
  customer: text,
});

/** The reserved names: a field of the same name could not be filtered on from a URL. */
export const LOG_PARAMS = Object.keys(logQuerySchema.shape) as readonly (keyof typeof logQuerySchema.shape)[];

const searchable = fieldNames.filter((n) => authLogFields[n].searchable && authLogFields[n].filterable);

/** Query strings carry text; filters compare typed values. */
function coerce(field: FieldName, raw: string): string | number | boolean {
  const kind = authLogFields[field].kind;
  if ((kind === 'boolean' || kind === 'tristate') && (raw === 'true' || raw === 'false'))
    return raw === 'true';
  if (kind === 'long' && /^-?\d+$/.test(raw)) return Number(raw);
  return raw;
}

function sortOf(raw: string) {
  return raw.split(',').map((part) => {
    const [name, dir] = part.startsWith('-') ? [part.slice(1), 'desc'] : part.split(':');
    // Typed as the definition takes them; the definition's schema checks each name and says which it refuses.
    return { field: name as SortableField, order: (dir ?? 'asc') as 'asc' | 'desc' };
  });
}

/**
 * GET /api/logs parameters as a log report definition: `from`/`to` or `last` with `tz`; `filter`, a
 * JSON-encoded filter tree; simple `field=value` (comma-separated for several values) and `q=text`
 * (any searchable field starting with it, case-insensitively); `columns=a,b`; `sort=-ts,user.name` or `sort=ts:desc`;
 * `pageSize`; `cursor`. The result is validated like any definition; here only the shape is built.
 */
export function logDefinitionFromQuery(params: Record<string, string>): ReportDefinition | Issue[] {
  const issues: Issue[] = [];
  const parts: FilterNode[] = [];
  if (params.filter !== undefined) {
    try {
      parts.push(JSON.parse(params.filter) as FilterNode);
    } catch {
      issues.push({ path: 'filter', message: 'filter is not valid JSON' });
    }
  }
  if (params.q?.trim())
    // A prefix in each field: a seek in its terms, where matching anywhere would scan them all.
    parts.push({
      or: searchable.map(
        (field) => ({ field, op: 'search', value: params.q!, match: 'prefix' }) as FilterNode,
      ),
    });
  for (const [key, raw] of Object.entries(params)) {
    if ((LOG_PARAMS as readonly string[]).includes(key)) continue;
    if (!isFieldName(key)) {
      issues.push({ path: key, message: `unknown query parameter '${key}'` });
      continue;
    }
    const values = raw.split(',').map((v) => coerce(key, v));
    parts.push(
      (values.length === 1
        ? { field: key, op: 'eq', value: values[0] }
        : { field: key, op: 'in', values }) as FilterNode,
    );
  }
  if ((params.from === undefined) !== (params.to === undefined))
    issues.push({ path: params.from ? 'to' : 'from', message: 'from and to go together' });
  if (issues.length) return issues;
  const timeZone = params.tz ?? 'UTC';
  const timeRange =
    params.from !== undefined && params.to !== undefined
      ? { from: params.from, to: params.to, timeZone }
      : { last: params.last ?? '24h', timeZone };
  const pageSize =
    params.pageSize !== undefined && /^\d+$/.test(params.pageSize)
      ? Number(params.pageSize)
      : params.pageSize;
  return {
    timeRange,
    ...(parts.length ? { filters: parts.length === 1 ? parts[0]! : { and: parts } } : {}),
    view: {
      type: 'log',
      ...(params.columns ? { columns: params.columns.split(',') as FieldName[] } : {}),
      ...(params.sort ? { sort: sortOf(params.sort) } : {}),
      ...(pageSize !== undefined ? { pageSize: pageSize as number } : {}),
      ...(params.cursor ? { cursor: params.cursor } : {}),
    },
  };
}
