import { InvalidArgumentError } from 'commander';
import { CUSTOMER_ID_RULE, isCustomerId } from '@sightline/schema';
import { esNodesFrom } from '../store/es-nodes';

/** Commander argument parser for a whole number within bounds. */
export function integerOption(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (raw: string): number => {
    const text = raw.replace(/_/g, '');
    if (!/^-?\d+$/.test(text)) throw new InvalidArgumentError(`expected a whole number, got "${raw}".`);
    const value = Number(text);
    if (value < min || value > max) {
      throw new InvalidArgumentError(`expected a number from ${min} to ${max}, got ${raw}.`);
    }
    return value;
  };
}

/** Commander argument parser for an ISO 8601 date-time (or a date). */
export function dateOption(raw: string): Date {
  const date = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(`expected an ISO 8601 date such as 2026-11-20T00:00:00Z, got "${raw}".`);
  }
  return date;
}

/** Commander argument parser for a customer id, by the rule the API and ingest apply. */
export function customerOption(raw: string): string {
  if (!isCustomerId(raw))
    throw new InvalidArgumentError(`"${raw}" is not a customer id (${CUSTOMER_ID_RULE}).`);
  return raw;
}

/** Commander argument parser for one of a fixed set of words. */
export function choiceOption<T extends string>(choices: readonly T[]) {
  return (raw: string): T => {
    if (!(choices as readonly string[]).includes(raw)) {
      throw new InvalidArgumentError(`expected one of ${choices.join(', ')}, got "${raw}".`);
    }
    return raw as T;
  };
}

/** Commander argument parser for an http(s) URL. */
/** --es-url / ES_URL: one node's URL, or a cluster's separated by commas. */
export function esUrlsOption(raw: string): string {
  try {
    return esNodesFrom(raw, 'the Elasticsearch address')
      .map((url) => url.replace(/\/+$/, ''))
      .join(',');
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message}.`);
  }
}

export function urlOption(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidArgumentError(`expected a URL such as http://127.0.0.1:9200, got "${raw}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError(`expected an http or https URL, got "${raw}".`);
  }
  return raw.replace(/\/+$/, '');
}
