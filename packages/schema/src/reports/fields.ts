import { z } from 'zod';
import { fieldNames, groupableFields, isFieldName, sortableFields, type FieldName } from '../log';

export { sortableFields };

/**
 * A field name checked against the schema, with a message naming the field and the use it was refused for.
 * `allowed` decides whether the field may serve `use` (e.g. 'grouped by'). Typed as taking only those
 * fields, so a definition written in TypeScript is checked as it is typed; any string is still read
 * and refused with that message.
 */
export function fieldSchema<F extends FieldName>(use: string, allowed: readonly F[]): z.ZodType<F, F> {
  const set = new Set<string>(allowed);
  return z
    .string()
    .meta({ enum: [...allowed] })
    .superRefine((name, ctx) => {
      if (!isFieldName(name)) ctx.addIssue({ code: 'custom', message: `unknown field '${name}'` });
      else if (!set.has(name)) ctx.addIssue({ code: 'custom', message: `field '${name}' cannot be ${use}` });
    }) as unknown as z.ZodType<F, F>;
}

export const groupableFieldSchema = fieldSchema('grouped by', groupableFields);
export const columnFieldSchema = fieldSchema('shown as a column', fieldNames);
export const sortFieldSchema = fieldSchema('sorted by', sortableFields);
