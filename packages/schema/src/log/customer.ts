import { z } from 'zod';

/**
 * What a customer id may be, stated once: the API (a customer named in a request), tokens, ingest and
 * the firehose sink (a record's customer_id, the message key), the findings audit and the dashboard's
 * URL all check it here. An id stored that the API would refuse could never be read back.
 */
export const CUSTOMER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The rule in words, for error messages. */
export const CUSTOMER_ID_RULE =
  '1 to 64 letters, digits, dots, underscores or hyphens, starting with a letter or digit';

export function isCustomerId(value: string): boolean {
  return CUSTOMER_ID_PATTERN.test(value);
}

/** A customer id where a schema reads one (a request's `customer`), refused with the rule in words. */
export const customerIdSchema = z
  .string()
  .regex(CUSTOMER_ID_PATTERN, `not a customer id (${CUSTOMER_ID_RULE})`);
