import type { CustomerSummary } from '@sightline/client';
import { useQuery } from '@tanstack/react-query';
import { useClient } from './ApiProvider';
import { customersQuery, isForbidden } from './customersQuery';

export type Customers =
  | { kind: 'loading' }
  /** A customer token: it reads its own customer and has nothing to choose. */
  | { kind: 'own' }
  | { kind: 'admin'; customers: CustomerSummary[] }
  | { kind: 'failed'; error: unknown; retry: () => void };

/**
 * The customers an admin token may read. The API lists them for admin tokens only, so its 403 is how
 * the page learns it serves one customer.
 */
export function useCustomers(): Customers {
  const query = useQuery(customersQuery(useClient()));
  if (query.isPending) return { kind: 'loading' };
  if (query.isError)
    return isForbidden(query.error)
      ? { kind: 'own' }
      : { kind: 'failed', error: query.error, retry: () => void query.refetch() };
  return { kind: 'admin', customers: query.data.customers };
}
