import type { AuthLogFields, FieldKind, FieldName, QUALITY_FLAGS } from './fields';

/** A geo point as stored: latitude and longitude in degrees. */
export interface GeoPoint {
  lat: number;
  lon: number;
}

/** The TypeScript value of each kind of field. */
export interface KindValues {
  keyword: string;
  'keyword[]': string[];
  long: number;
  date: string;
  ip: string;
  boolean: boolean;
  tristate: boolean | 'unknown';
  geo_point: GeoPoint;
}

export type QualityFlag = (typeof QUALITY_FLAGS)[number];

type LeafValue<S> = S extends { kind: infer K extends FieldKind; nullable: infer N }
  ? S extends { values: readonly (infer V)[] }
    ? K extends 'keyword[]'
      ? V[]
      : // An open list names the known values; ingest stores an unknown raw value too (flagged).
        (S extends { openValues: true } ? V | (string & {}) : V) | (N extends true ? null : never)
    : KindValues[K] | (N extends true ? null : never)
  : never;

type Head<P extends string> = P extends `${infer H}.${string}` ? H : P;
type Tail<P extends string, H extends string> = P extends `${H}.${infer R}` ? R : never;

/** Builds the nested record type from dotted paths, so the record shape is never declared twice. */
type Unflatten<T extends Record<string, unknown>> = {
  [H in Head<keyof T & string>]: H extends keyof T
    ? T[H]
    : Unflatten<{ [P in keyof T & string as Tail<P, H>]: T[P] }>;
};

/** Unflatten with every key optional, at every level. */
type PartialUnflatten<T extends Record<string, unknown>> = {
  [H in Head<keyof T & string>]?: H extends keyof T
    ? T[H]
    : PartialUnflatten<{ [P in keyof T & string as Tail<P, H>]: T[P] }>;
};

type FlatRecord = { [K in FieldName]: LeafValue<AuthLogFields[K]> };

/** One authentication or enrollment attempt, as stored and as returned by the log and export endpoints. */
export type AuthLogRecord = Unflatten<FlatRecord>;

/**
 * Some of a record's fields, nested as stored: what Elasticsearch returns for a `_source` selection.
 * Leaves stay whole (a geo point keeps both coordinates); only fields and groups may be missing.
 */
export type PartialAuthLogRecord = PartialUnflatten<FlatRecord>;

/** The value at a dotted path of a record. */
export type FieldValue<K extends FieldName> = FlatRecord[K];

/** Reads a dotted path from a nested record; undefined where a parent is missing. */
export function getPath(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Writes a dotted path into a nested object, creating parents as needed. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object') node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}
