import type { Replicas } from './replicas';

/** Primary shards and replicas of each monthly auth log index (see the README's "Index layout"). */
export interface IndexLayout {
  shards: number;
  replicas: Replicas;
}

/** One primary per month holds tens of millions of records; replicas follow the cluster's size. */
export const DEFAULT_INDEX_LAYOUT: IndexLayout = { shards: 1, replicas: 'auto' };

/** Elasticsearch's own ceiling on primaries per index. */
export const MAX_SHARDS = 1024;
/** More copies than this is a typo, not a layout. */
export const MAX_REPLICAS = 32;

/**
 * The layout from SIGHTLINE_ES_SHARDS and SIGHTLINE_ES_REPLICAS (a number or "auto"), each falling
 * back to the default when unset or empty. Throws an error naming the variable for any other value.
 */
export function indexLayoutFromEnv(env: Record<string, string | undefined> = process.env): IndexLayout {
  const shards = env.SIGHTLINE_ES_SHARDS?.trim();
  const replicas = env.SIGHTLINE_ES_REPLICAS?.trim();
  return {
    shards: shards ? wholeNumber('SIGHTLINE_ES_SHARDS', shards, 1, MAX_SHARDS) : DEFAULT_INDEX_LAYOUT.shards,
    replicas: !replicas
      ? DEFAULT_INDEX_LAYOUT.replicas
      : replicas === 'auto'
        ? 'auto'
        : wholeNumber('SIGHTLINE_ES_REPLICAS', replicas, 0, MAX_REPLICAS, ' or "auto"'),
  };
}

function wholeNumber(name: string, value: string, min: number, max: number, or = ''): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}${or}, got "${value}"`);
  }
  return n;
}
