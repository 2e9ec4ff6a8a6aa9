import { z } from 'zod';
import { authLogFields, fieldNames, type FieldKind, type FieldSpec } from './fields';
import type { AuthLogRecord } from './record';

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO 8601 date');

const kindSchemas: Record<FieldKind, z.ZodType> = {
  keyword: z.string(),
  'keyword[]': z.array(z.string()),
  long: z.number().int(),
  date: isoDate,
  // Malformed addresses are kept on purpose (flagged in `quality`), so any string is accepted here.
  ip: z.string(),
  boolean: z.boolean(),
  tristate: z.union([z.boolean(), z.literal('unknown')]),
  geo_point: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
};

function leafSchema(spec: FieldSpec): z.ZodType {
  let schema = kindSchemas[spec.kind];
  if (spec.values && spec.kind === 'keyword' && !spec.openValues)
    schema = z.enum(spec.values as [string, ...string[]]);
  if (spec.values && spec.kind === 'keyword[]')
    schema = z.array(z.enum(spec.values as [string, ...string[]]));
  return spec.nullable ? schema.nullable().optional() : schema;
}

type Shape = { [key: string]: Shape | z.ZodType };

function toZod(shape: Shape, optional: boolean): z.ZodType {
  const entries = Object.entries(shape).map(
    ([k, v]) => [k, v instanceof z.ZodType ? v : toZod(v, true)] as const,
  );
  const object = z.strictObject(Object.fromEntries(entries));
  // A parent object such as `auth_device` may be absent or null altogether.
  return optional ? object.nullable().optional() : object;
}

function buildSchema(): z.ZodType<AuthLogRecord> {
  const shape: Shape = {};
  for (const name of fieldNames) {
    const parts = name.split('.');
    let node = shape;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Shape;
    }
    node[parts[parts.length - 1]!] = leafSchema(authLogFields[name]);
  }
  return toZod(shape, false) as z.ZodType<AuthLogRecord>;
}

/** Runtime validator of a canonical stored record, derived from the field table. */
export const authLogRecordSchema = buildSchema();
