import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { queryParams } from './query-params';

const schema = z
  .strictObject({
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    user: z.string().min(1).max(256).optional(),
    types: z.string().transform((s) => s.split(',')),
  })
  .refine((q) => q.user !== 'nobody', { message: 'no one', path: ['user'] });

describe('the query parameters of a route, read off the zod schema that validates it', () => {
  const params = queryParams(schema, {
    pageSize: 'Rows per page',
    user: 'Whose attempts',
    types: { description: 'Comma-separated types', schema: { type: 'string', pattern: '^[a-z,]+$' } },
  });

  it('lists each key the schema accepts, in its order, as a query parameter with its description', () => {
    expect(params.map((p) => [p.name, p.in, p.description])).toEqual([
      ['pageSize', 'query', 'Rows per page'],
      ['user', 'query', 'Whose attempts'],
      ['types', 'query', 'Comma-separated types'],
    ]);
  });

  it('takes bounds and defaults from the schema, as a URL gives the value', () => {
    expect(params[0]!.schema).toEqual({ type: 'integer', minimum: 1, maximum: 200, default: 50 });
    expect(params[1]!.schema).toEqual({ type: 'string', minLength: 1, maxLength: 256 });
  });

  it('marks required only the keys that are, and lets a description replace a schema a transform hides', () => {
    expect(params.map((p) => p.required)).toEqual([false, false, true]);
    expect(params[2]!.schema).toEqual({ type: 'string', pattern: '^[a-z,]+$' });
  });
});
