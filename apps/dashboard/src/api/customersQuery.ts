import { SightlineApiError, type SightlineClient } from '@sightline/client';
import { queryOptions } from '@tanstack/react-query';

export const isForbidden = (error: unknown) => error instanceof SightlineApiError && error.status === 403;

/**
 * The customers an admin token may read, as one query: asked for by the page's first requests (the
 * overview waits for its answer before it shows) and read by useCustomers. Outside the widgets'
 * `sightline` key prefix, so it never counts as the page updating.
 */
export function customersQuery(client: SightlineClient) {
  return queryOptions({
    queryKey: ['customers'],
    queryFn: ({ signal }) => client.customers({ signal }),
    staleTime: 5 * 60_000,
    retry: (count, error) => count < 1 && !isForbidden(error),
    // A customer token's 403 is the answer, not a failure: a component mounting later (a link shown
    // to admins only) must not ask again, which would make the answer "loading" for every reader and
    // unmount the page that mounted it, over and over. A failure is retried from its Retry button.
    retryOnMount: false,
  });
}
