import { Client, errors, type estypes } from '@elastic/elasticsearch';
import type { EsSearchResponse } from '../reports';

/** The part of the Elasticsearch client the API uses; the real client satisfies it, unit tests fake it. */
export interface SearchPort {
  search(params: estypes.SearchRequest, options?: { signal?: AbortSignal }): Promise<EsSearchResponse>;
  cluster: {
    health(
      params?: estypes.ClusterHealthRequest,
      options?: { signal?: AbortSignal },
    ): Promise<{ status: string }>;
  };
}

export interface EsClientOptions {
  /** Per-request limit; a search slower than this answers 503 rather than holding the caller. */
  requestTimeoutMs?: number;
}

/**
 * A client for the API. One node, no sniffing: the default weighted pool never marks the only node
 * dead, so when Elasticsearch comes back the next request simply succeeds (the integration tests
 * check exactly that). One retry covers a dropped keep-alive socket.
 */
export function createEsClient(url: string, { requestTimeoutMs = 10_000 }: EsClientOptions = {}): Client {
  return new Client({
    node: url,
    requestTimeout: requestTimeoutMs,
    maxRetries: 1,
    sniffOnStart: false,
    sniffInterval: false,
    sniffOnConnectionFault: false,
  });
}

/** Elasticsearch could not answer now (down, unreachable, overloaded, too slow): worth retrying later. */
export function isUnavailable(error: unknown): boolean {
  if (
    error instanceof errors.ConnectionError ||
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoLivingConnectionsError
  )
    return true;
  if (error instanceof errors.ResponseError) {
    const status = error.meta.statusCode ?? 0;
    return status === 429 || status === 502 || status === 503 || status === 504;
  }
  return false;
}

/** The search was cancelled because the request that asked for it was. */
export function isAborted(error: unknown, signal: AbortSignal): boolean {
  return (
    signal.aborted && (error instanceof errors.RequestAbortedError || (error as Error)?.name === 'AbortError')
  );
}
