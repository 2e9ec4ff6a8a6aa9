import { SightlineApiError, type CustomerSummary } from '@sightline/client';
import { useQuery } from '@tanstack/react-query';
import { useClient } from './ApiProvider';

export type Customers =
  | { kind: 'loading' }
  /** A customer token: it reads its own customer and has nothing to choose. */
  | { kind: 'own' }
  | { kind: 'admin'; customers: CustomerSummary[] }
  | { kind: 'failed'; error: unknown; retry: () => void };

const isForbidden = (error: unknown) => error instanceof SightlineApiError && error.status === 403;

/**
 * The customers an admin token may read. The API lists them for admin tokens only, so its 403 is how
 * the page learns it serves one customer. Outside the widgets' `sightline` key prefix, so it never
 * counts as the page updating.
 */
export function useCustomers(): Customers {
  const client = useClient();
  const query = useQuery({
    queryKey: ['customers'],
    queryFn: ({ signal }) => client.customers({ signal }),
    staleTime: 5 * 60_000,
    retry: (count, error) => count < 1 && !isForbidden(error),
    // A customer token's 403 is the answer, not a failure: a component mounting later (a link shown
    // to admins only) must not ask again, which would make the answer "loading" for every reader and
    // unmount the page that mounted it, over and over. A failure is retried from its Retry button.
    retryOnMount: false,
  });
  if (query.isPending) return { kind: 'loading' };
  if (query.isError)
    return isForbidden(query.error)
      ? { kind: 'own' }
      : { kind: 'failed', error: query.error, retry: () => void query.refetch() };
  return { kind: 'admin', customers: query.data.customers };
}
