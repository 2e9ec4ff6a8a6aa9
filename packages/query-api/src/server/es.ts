import { Client, errors, type estypes } from '@elastic/elasticsearch';
import type { EsSearchResponse } from '../reports';
import { esNodesFrom } from '../store/es-nodes';

/** The part of the Elasticsearch client the API uses; the real client satisfies it, unit tests fake it. */
export interface SearchPort {
  search(
    params: estypes.SearchRequest,
    options?: { signal?: AbortSignal; requestTimeout?: number },
  ): Promise<EsSearchResponse>;
  cluster: {
    health(
      params?: estypes.ClusterHealthRequest,
      options?: { signal?: AbortSignal },
    ): Promise<{ status: string }>;
  };
}

/**
 * Every report search carries this as its `timeout`: Elasticsearch stops collecting when it passes
 * (answering with `timed_out`, which the API turns into a 503 rather than a partial report)…
 */
export const SEARCH_TIMEOUT_MS = 8_000;
/** …and the client gives up this long after, for a node that does not answer at all. */
export const SEARCH_REQUEST_TIMEOUT_MS = SEARCH_TIMEOUT_MS + 2_000;

export interface EsClientOptions {
  /** Per-request limit; a search slower than this answers 503 rather than holding the caller. */
  requestTimeoutMs?: number;
}

/**
 * A client for the API, on the node or nodes `url` names (ES_URL: one URL, or several separated by
 * commas). No sniffing: the nodes given are the ones to use (a sniffed list could name addresses
 * this process cannot reach). With one node the default weighted pool never marks it dead, so when
 * Elasticsearch comes back the next request simply succeeds (the integration tests check exactly
 * that), and one retry covers a dropped keep-alive socket. With several, a node that fails is
 * weighted down and each request may try every other node once, so a dead node costs a refused
 * connection, not an error (test/es-cluster.test.ts kills one under the API).
 */
export function createEsClient(url: string, { requestTimeoutMs = 10_000 }: EsClientOptions = {}): Client {
  const nodes = esNodesFrom(url);
  return new Client({
    nodes,
    requestTimeout: requestTimeoutMs,
    maxRetries: Math.max(1, nodes.length - 1),
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

interface EsCause {
  type?: string;
  reason?: string | null;
  index?: string;
  caused_by?: EsCause;
  root_cause?: EsCause[];
  failed_shards?: { index?: string }[];
}

/** Longer reasons are cut; a caller needs the gist, not Elasticsearch's whole explanation. */
const MAX_REASON_LENGTH = 300;

/**
 * Why Elasticsearch refused a search as malformed (status 400), in a short sentence without positions
 * or index names; null for any other failure. Validation should have caught whatever it was, so the
 * request, not the server, is at fault.
 */
export function refusalReason(error: unknown): string | null {
  if (!(error instanceof errors.ResponseError) || error.meta.statusCode !== 400) return null;
  const body = error.meta.body as { error?: EsCause | string } | undefined;
  const cause = body?.error;
  if (typeof cause === 'string') return tidy(cause, []);
  // The root cause says what failed ("failed to parse field [time_zone]"); the deepest cause of the
  // top-level error, when there is one, says why ("Unknown time-zone ID: utc").
  const what = withoutEcho(cause?.root_cause?.find((c) => c.reason)?.reason ?? cause?.reason ?? '');
  let why = '';
  for (let c = cause?.caused_by; c; c = c.caused_by) if (c.reason) why = c.reason;
  const indices = [
    cause?.index,
    ...(cause?.root_cause ?? []).map((c) => c.index),
    ...(cause?.failed_shards ?? []).map((s) => s.index),
  ].filter((i): i is string => Boolean(i));
  const reason = [what, why].filter(Boolean).join(': ');
  return tidy(reason || cause?.type || 'Elasticsearch refused the search', indices);
}

/** "failed to parse X: [failed to parse X]" says the same thing twice. */
function withoutEcho(reason: string): string {
  const match = /^(.+?): \[(.+)\]$/.exec(reason);
  return match && match[1]!.startsWith(match[2]!) ? match[1]! : reason;
}

function tidy(reason: string, indices: string[]): string {
  // "[1:92] …" is a position in a request the caller never saw.
  let text = reason.replace(/\[\d+:\d+\]\s*/g, '');
  // Indices hold every customer's records; their names are ours, not the caller's business.
  for (const index of indices) text = text.replaceAll(index, '[index]');
  text = text.replace(/\bsightline-[\w.*-]+/g, '[index]');
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 1)}…` : text;
}
