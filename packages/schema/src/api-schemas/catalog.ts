import { z } from 'zod';
import { FIELD_KINDS, fieldNames } from '../log/fields';

/*
 * Kept apart from catalog.ts and out of the schema entry's exports: building a zod object schema
 * probes whether the page allows eval, which a strict Content-Security-Policy reports as a violation,
 * so browsers import only the type read off it. The OpenAPI document uses the schema.
 */

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

/** GET /api/fields. */
export const fieldCatalogAnswerSchema = z
  .strictObject({ fields: z.array(fieldInfoSchema) })
  .meta({ id: 'FieldCatalog' });
