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

  function responseOf(path: string, method: string, status: number) {
    const operation = doc.paths[path]?.[method] as { responses?: Record<string, Json> } | undefined;
    if (!operation) throw new Error(`the OpenAPI document has no ${method.toUpperCase()} ${path}`);
    const response = operation.responses?.[String(status)] as { content?: Record<string, Json> } | undefined;
    if (!response)
      throw new Error(`the OpenAPI document names no ${status} answer for ${method.toUpperCase()} ${path}`);
    return response;
  }

  function validatorFor(path: string, method: string, status: number, type: string): ValidateFunction | null {
    const key = `${method} ${path} ${status} ${type}`;
    const known = compiled.get(key);
    if (known) return known;
    const content = responseOf(path, method, status).content;
    if (!content) return null;
    if (!content[type]) throw new Error(`${key}: the document gives no ${type} answer`);
    const pointer = ['paths', path, method, 'responses', String(status), 'content', type, 'schema']
      .map((part) => encodeURIComponent(part.replaceAll('~', '~0').replaceAll('/', '~1')))
      .join('/');
    const validate = ajv.getSchema(`openapi.json#/${pointer}`);
    if (!validate) throw new Error(`no JSON schema for ${key}`);
    compiled.set(key, validate);
    return validate;
  }

  /**
   * The problems of `body` as the answer of `method path` with `status` and content `type`, none when
   * it matches. Throws when the document does not name that answer at all. An answer the document
   * gives no content for is only checked to be named.
   */
  function check(
    path: string,
    method: 'get' | 'post' | 'put' | 'delete',
    status: number,
    body: unknown,
    type = 'application/json',
  ): string[] {
    const validate = validatorFor(path, method, status, type);
    if (!validate || validate(body)) return [];
    return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  }

  /** Every operation the document names, as `METHOD /path`. */
  const operations = (): string[] =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );

  return Object.assign(check, {
    operations,
    contentTypes: (path: string, method: string, status: number) =>
      Object.keys(responseOf(path, method, status).content ?? {}),
  });
}
