import { z } from 'zod';
import { authLogFields, FIELD_KINDS, fieldNames, isSortableField } from './fields';

/** What the API tells clients about one field (GET /api/fields); FieldInfo is read off it. */
export const fieldInfoSchema = z
  .strictObject({
    name: z.enum(fieldNames),
    label: z.string(),
    kind: z.enum(FIELD_KINDS),
    groupable: z.boolean(),
    filterable: z.boolean(),
    searchable: z.boolean(),
    /** A log may be sorted by it. */
    sortable: z.boolean(),
    defaultColumn: z.boolean(),
    values: z.array(z.string()).readonly().optional(),
    /** `values` are the known ones; stored records may hold others (kept raw, flagged in `quality`). */
    openValues: z.boolean().optional(),
    /**
     * A record may hold several values (user groups). Reports count such a record once per value, so
     * rows can add up to more than the total; a record with no value counts once, under "None".
     */
    multiValued: z.boolean().optional(),
  })
  .meta({ id: 'FieldInfo' });
export type FieldInfo = z.output<typeof fieldInfoSchema>;

/** GET /api/fields. */
export const fieldCatalogAnswerSchema = z
  .strictObject({ fields: z.array(fieldInfoSchema) })
  .meta({ id: 'FieldCatalog' });

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
