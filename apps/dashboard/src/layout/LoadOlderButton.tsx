/** The part of an infinite query the button reads. */
interface OlderPages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * "Load 50 older exports" under an audit table, newest first: shown while the API has older pages,
 * disabled while one is on its way.
 */
export function LoadOlderButton({ query, what }: { query: OlderPages; what: string }) {
  if (!query.hasNextPage) return null;
  return (
    <button
      type="button"
      className="sl-button"
      disabled={query.isFetchingNextPage}
      onClick={() => void query.fetchNextPage()}
    >
      {query.isFetchingNextPage ? 'Loading…' : `Load ${what}`}
    </button>
  );
}
