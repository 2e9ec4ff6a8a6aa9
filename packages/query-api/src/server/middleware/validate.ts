import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { toIssues } from '@sightline/schema/reports';
import { invalid } from '../errors';

/** zValidator whose failures become the API's 400 body, one issue per problem with its path. */
export function validate<T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw invalid(toIssues(result.error as unknown as z.ZodError), `invalid ${target}`);
  });
}
