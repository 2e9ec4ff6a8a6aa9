import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { unzip } from 'node:zlib';
import { errors, type Client } from '@elastic/elasticsearch';
import type { ResponseBuffers } from './response-buffers';

const inflate = promisify(unzip);
/** What the client retries once by itself (maxRetries: 1); it leaves streamed responses to the caller. */
const RETRIED_STATUSES = new Set([502, 503, 504]);

export interface SearchBytesRequest {
  querystring: Record<string, unknown>;
  body: Record<string, unknown>;
}

function errorBody(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return bytes.toString('utf8');
  }
}

/**
 * POST /_search, returning the response body as bytes in one of `buffers`. Left to itself the
 * client would build the body as one string and parse all of it into objects: for a page of whole
 * records that is several times the page's size in objects that outlive young-generation
 * collections (a fetched page waits for the one before it to be written), so the heap grows to
 * hold them between full collections.
 */
export async function searchBytes(
  es: Client,
  { querystring, body }: SearchBytesRequest,
  buffers: ResponseBuffers,
  signal: AbortSignal,
): Promise<Buffer> {
  for (let attempt = 0; ; attempt++) {
    const result = await es.transport.request<Readable>(
      { method: 'POST', path: '/_search', querystring, body },
      { asStream: true, meta: true, signal },
    );
    const raw = await buffers.read(result.body as AsyncIterable<Buffer>);
    const compressed = /gzip|deflate/.test(String(result.headers['content-encoding'] ?? ''));
    const bytes = compressed ? await inflate(raw) : raw;
    if (compressed) buffers.release(raw);
    if (result.statusCode < 400) return bytes;
    const error = new errors.ResponseError({ ...result, body: errorBody(bytes) });
    buffers.release(bytes);
    if (attempt === 0 && RETRIED_STATUSES.has(result.statusCode)) continue;
    throw error;
  }
}
