import type { z } from 'zod';
import type { fieldInfoSchema } from '../api-schemas/catalog';
import { authLogFields, fieldNames, isSortableField } from './fields';

/** What the API tells clients about one field (GET /api/fields), read off its schema (catalog-schema.ts). */
export type FieldInfo = z.output<typeof fieldInfoSchema>;

/** The public field catalog, in declaration order. */
export function fieldCatalog(): FieldInfo[] {
  return fieldNames.map((name) => {
    const { kind, label, groupable, filterable, searchable, defaultColumn, ...rest } = authLogFields[name];
    const values = 'values' in rest ? rest.values : undefined;
    const openValues = 'openValues' in rest ? rest.openValues : undefined;
    return {
      name,
      label,
      kind,
      groupable,
      filterable,
      searchable,
      sortable: isSortableField(name),
      defaultColumn,
      ...(values ? { values } : {}),
      ...(openValues ? { openValues } : {}),
      ...(kind === 'keyword[]' ? { multiValued: true } : {}),
    };
  });
}
