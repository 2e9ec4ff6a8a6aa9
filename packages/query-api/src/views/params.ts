import { z } from 'zod';
import { MAX_VIEW_NAME_LENGTH, MAX_VIEW_URL_LENGTH } from '@sightline/schema/api';
import { customerParam } from '../server/query-params';

// Control characters (C0, DEL, C1) have no place in a name or an address.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The dashboard's parameter for the customer an admin reads: a view is the customer's already. */
const CUSTOMER_PARAM = 'customer';

const name = z
  .string()
  .transform((raw) => raw.trim().normalize('NFC'))
  .pipe(
    z
      .string()
      .min(1, 'a view needs a name')
      .max(MAX_VIEW_NAME_LENGTH, `a view's name is at most ${MAX_VIEW_NAME_LENGTH} characters`)
      .refine((s) => !CONTROL.test(s), 'a view’s name cannot hold control characters'),
  )
  .meta({
    minLength: 1,
    maxLength: MAX_VIEW_NAME_LENGTH,
    description:
      'Trimmed; unique per customer regardless of case. Saving a second view of one name is a 409.',
  });

/**
 * A dashboard address: a path on the dashboard's own origin with its query, e.g.
 * `/log?last=7d&f.result=denied`. Never another origin (`//host`, `https:`), so a shared view cannot
 * send anyone elsewhere; never a customer, which is the tenant the view is stored under.
 */
const url = z
  .string()
  .max(MAX_VIEW_URL_LENGTH, `a view's address is at most ${MAX_VIEW_URL_LENGTH} characters`)
  .superRefine((raw, ctx) => {
    const problem = addressProblem(raw);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe(
    'A dashboard path starting with a single "/", with its query; no other origin, no customer parameter (the view belongs to the customer it is saved for).',
  );

/** Why a string is not a dashboard address a view may hold; undefined when it is one. */
export function addressProblem(raw: string): string | undefined {
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\'))
    return 'expected a dashboard path starting with a single "/", e.g. /log?last=7d';
  if (CONTROL.test(raw) || /\s/.test(raw))
    return 'a dashboard address cannot hold spaces or control characters';
  const base = 'http://dashboard.invalid';
  let parsed: URL;
  try {
    parsed = new URL(raw, base);
  } catch {
    return 'not a URL path and query';
  }
  if (parsed.origin !== base) return 'a view cannot point to another site';
  if (parsed.searchParams.has(CUSTOMER_PARAM))
    return 'a view cannot name a customer: it belongs to the customer it is saved for';
  return undefined;
}

/** POST /api/views. */
export const newViewSchema = z.strictObject({ name, url });

/** `customer` is the tenant, resolved by requireTenant. */
export const viewListQuerySchema = z.strictObject({ customer: customerParam });

/** View ids are hex digests (see viewId). */
export const viewIdSchema = z.strictObject({ id: z.string().regex(/^[0-9a-f]{32}$/, 'not a view id') });
