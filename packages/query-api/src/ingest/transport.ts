import { errors, type Client } from '@elastic/elasticsearch';
import type { BulkResponse, BulkTransport } from './bulk';

/**
 * Only what the indexer reads: per-item status, result (created or updated: a repeat) and error,
 * never the echo of every document.
 */
const FILTER = 'errors,items.*.status,items.*.result,items.*.error';

/** A BulkTransport over the official client: the body is posted as is, no re-serialisation. */
export function esBulkTransport(client: Client): BulkTransport {
  return {
    async bulk(body: string): Promise<BulkResponse> {
      try {
        const response = await client.transport.request<BulkResponse['body']>(
          { method: 'POST', path: '/_bulk', bulkBody: body, querystring: { filter_path: FILTER } },
          { meta: true, maxRetries: 0 },
        );
        return { status: response.statusCode ?? 200, body: response.body };
      } catch (error) {
        if (error instanceof errors.ResponseError) return { status: error.meta.statusCode ?? 500 };
        throw error;
      }
    },
  };
}
