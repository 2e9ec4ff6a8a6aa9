import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { openApiDocument } from '../../packages/query-api/src/server/openapi';

type Json = Record<string, unknown>;

/**
 * Checks answers against the API's own OpenAPI document: the schema documented for a route, method
 * and status, with every component it refers to. Formats are not checked as such: the schemas made
 * from zod carry a pattern for each (a date-time's, for one), which is.
 */
export function openApiChecker() {
  const doc = openApiDocument() as Json & { paths: Record<string, Record<string, Json>> };
  const ajv = new Ajv2020({ strict: false, validateFormats: false, validateSchema: false, allErrors: true });
  ajv.addSchema({ ...doc, $id: 'openapi.json' });
  const compiled = new Map<string, ValidateFunction>();

  function validatorFor(path: string, method: string, status: number): ValidateFunction {
    const key = `${method} ${path} ${status}`;
    let validate = compiled.get(key);
    if (validate) return validate;
    const operation = doc.paths[path]?.[method] as { responses?: Record<string, Json> } | undefined;
    if (!operation) throw new Error(`the OpenAPI document has no ${method.toUpperCase()} ${path}`);
    if (!operation.responses?.[String(status)])
      throw new Error(`the OpenAPI document names no ${status} answer for ${method.toUpperCase()} ${path}`);
    const pointer = [
      'paths',
      path,
      method,
      'responses',
      String(status),
      'content',
      'application/json',
      'schema',
    ]
      .map((part) => encodeURIComponent(part.replaceAll('~', '~0').replaceAll('/', '~1')))
      .join('/');
    validate = ajv.getSchema(`openapi.json#/${pointer}`);
    if (!validate) throw new Error(`no JSON schema for ${key}`);
    compiled.set(key, validate);
    return validate;
  }

  /** The problems of `body` as the answer of `method path` with `status`, none when it matches. */
  return (
    path: string,
    method: 'get' | 'post' | 'put' | 'delete',
    status: number,
    body: unknown,
  ): string[] => {
    const validate = validatorFor(path, method, status);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  };
}
