import { z } from 'zod';
import { customerIdSchema } from '@sightline/schema';
import { CUSTOMER_HEADER } from './middleware/auth';

type Json = Record<string, unknown>;

/** What the document says of one query parameter: its description, and a schema where the zod one says less. */
export type ParamDoc = string | { description: string; schema: Json };

/**
 * A route's query parameters for the OpenAPI document, read off the zod schema that validates the
 * route: one parameter per key it accepts (a strict object refuses the others), required when the key
 * is, with the JSON Schema of what it takes as written in a URL (zod's input side: a page size before
 * its default, a list before it is split). `docs` must describe every key (the type says so), so a
 * parameter added to the schema cannot go undocumented; `schema` in a doc replaces zod's where a
 * transform hides the values (a comma-separated list of known names, say).
 */
export function queryParams<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  docs: { [K in keyof Shape]: ParamDoc },
): Json[] {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as {
    properties: Record<string, Json>;
    required?: string[];
  };
  return Object.keys(schema.shape).map((name) => {
    const doc = docs[name as keyof Shape];
    return {
      name,
      in: 'query',
      required: json.required?.includes(name) ?? false,
      description: typeof doc === 'string' ? doc : doc.description,
      schema: typeof doc === 'string' ? json.properties[name] : doc.schema,
    };
  });
}

/**
 * A route's JSON body for the document, read off the zod schema that validates it, as a caller writes
 * it (zod's input side: a default may be left out). What JSON Schema cannot say of a refinement is in
 * the fields' descriptions (`.describe()`, `.meta()` on the schema), so it is said once.
 */
export function bodySchema(schema: z.ZodType): Json {
  const { $schema: _, ...json } = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as Json;
  return json;
}

/** What `customer` means on a route that reads one customer's data. */
export const CUSTOMER_DOC = 'Customer to read (admin tokens; a customer token may only name its own)';

/** `?customer=` in every route's query schema: optional, and a customer id when given. */
export const customerParam = customerIdSchema.optional();

const [customerQueryParam] = queryParams(z.strictObject({ customer: customerParam }), {
  customer: CUSTOMER_DOC,
});

/** The header that names the customer as `?customer=` does, by the same rule. */
export const customerHeaderParam = {
  name: CUSTOMER_HEADER,
  in: 'header',
  required: false,
  schema: customerQueryParam!.schema,
  description: 'Same as ?customer=',
};

/** `customer` and its header, for the routes whose query is otherwise free (the log's filters, say). */
export const tenantParams: Json[] = [customerQueryParam!, customerHeaderParam];
