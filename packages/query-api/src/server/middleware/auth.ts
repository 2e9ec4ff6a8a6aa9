import { createMiddleware } from 'hono/factory';
import type { TokenStore } from '../../auth';
import { CUSTOMER_ID_RULE, isCustomerId } from '@sightline/schema';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

const CHALLENGE = 'Bearer realm="sightline"';
export const CUSTOMER_HEADER = 'X-Sightline-Customer';

/** Requires a valid bearer token and records who it speaks for. */
export function authenticate(tokens: TokenStore) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('Authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match)
      throw new ApiError(401, 'unauthorized', 'a bearer token is required (Authorization: Bearer <token>)', {
        headers: { 'WWW-Authenticate': CHALLENGE },
      });
    const principal = tokens.verify(match[1]!);
    if (!principal)
      throw new ApiError(401, 'unauthorized', 'the bearer token is not valid', {
        headers: { 'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"` },
      });
    c.set('principal', principal);
    await next();
  });
}

/**
 * Resolves the one customer this request may see. A customer token sees its own customer only (naming
 * another is 403); an admin names one with `?customer=` or the X-Sightline-Customer header.
 */
export function requireTenant() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.get('principal');
    const named = c.req.query('customer') ?? c.req.header(CUSTOMER_HEADER) ?? null;
    if (named !== null && !isCustomerId(named))
      throw new ApiError(400, 'invalid_request', `'${named}' is not a customer id (${CUSTOMER_ID_RULE})`);
    if (!principal.admin && named !== null && named !== principal.customer)
      throw new ApiError(403, 'forbidden', 'this token may not read another customer');
    const tenant = principal.admin ? (named ?? principal.customer) : principal.customer;
    if (!tenant)
      throw new ApiError(
        400,
        'invalid_request',
        `an admin token must name a customer (?customer=<id> or the ${CUSTOMER_HEADER} header)`,
      );
    c.set('tenant', tenant);
    await next();
  });
}
