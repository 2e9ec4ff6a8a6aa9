import type { paths } from './openapi';

/**
 * What each route takes and answers, read off the types generated from the API's OpenAPI document
 * (./openapi.ts). The client sends and reads only through these, so a path, parameter, body or
 * answer the document does not describe is a type error in the client, not a surprise in a browser.
 */
export type Method = 'get' | 'post' | 'put' | 'delete';

/** The document's description of one operation; `never` where the route has no such method. */
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** Every path that answers `M`. */
export type RouteOf<M extends Method> = {
  [P in keyof paths]: [Operation<P, M>] extends [never] ? never : P;
}[keyof paths];

/** The query parameters an operation declares (the client adds `customer` to each call itself). */
export type QueryOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? Omit<NonNullable<Q>, 'customer'> : never;

/** The `{name}` parts of an operation's path. */
export type PathParamsOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { path: infer T } } ? ([T] extends [never] ? never : T) : never;

/** The JSON body an operation takes. */
export type BodyOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The JSON an operation answers with when it succeeds (200, or 201 for what it creates). */
export type AnswerOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: { 200: { content: { 'application/json': infer A } } } }
    ? A
    : Operation<P, M> extends { responses: { 201: { content: { 'application/json': infer A } } } }
      ? A
      : never;

/** One call of a route, as its types allow it. */
export interface RouteInput<P extends keyof paths, M extends Method> {
  path?: PathParamsOf<P, M>;
  query?: QueryOf<P, M>;
  body?: BodyOf<P, M>;
  signal?: AbortSignal | undefined;
}

/** `/api/findings/{id}/status` with `{ id }` filled in, each value encoded. */
export function fillPath(route: string, params: Record<string, string> | undefined): string {
  return route.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new TypeError(`${route} needs its '${name}'`);
    return encodeURIComponent(value);
  });
}

/** A query object as the URL carries it; what is undefined or empty is left out, as never given. */
export function searchParams(query: object | undefined): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== '') params.set(name, String(value));
  return params;
}

/**
 * `T` as JSON sees it: structure only. (A TypeScript interface is not assignable to an open object,
 * `Record<string, unknown>`, as the same structure written as a type is; on the wire they are one.)
 */
type Json<T> = T extends readonly (infer U)[]
  ? Json<U>[]
  : T extends object
    ? { [K in keyof T]: Json<T[K]> }
    : T;

/** `T` is one of the answers `A` allows, and names no field `A` lacks (at its top level). */
type Fits<T, A> = [Json<T>] extends [A]
  ? [Exclude<keyof T, keyof A>] extends [never]
    ? true
    : false
  : false;

/**
 * Reads an answer as `T`, a type the schema states more precisely than its JSON document can (a
 * finding's `details` by its `type`, the filter tree the definition's types declare). `T` must still
 * be an answer the document allows, with no field the document does not name: if it is not, the
 * call takes a second argument and fails to type-check.
 */
export function narrow<T>() {
  return <A>(answer: Promise<A>, ..._fits: Fits<T, A> extends true ? [] : [never]): Promise<T> =>
    answer as unknown as Promise<T>;
}
