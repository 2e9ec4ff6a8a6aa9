import type { AddressInfo } from 'node:net';
import type { Client } from '@elastic/elasticsearch';
import { serve, type ServerType } from '@hono/node-server';
import { createTokenStore, parseTokenEnv } from '../../packages/query-api/src/auth';
import { mountExports } from '../../packages/query-api/src/export/route';
import { createApp } from '../../packages/query-api/src/server';

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

/**
 * The real API with exports mounted, on an ephemeral loopback port. `tokens` is in the
 * `SIGHTLINE_TOKENS` form (`token=customer,…`). Closing it cuts open connections (an export
 * a test walked away from would otherwise hold the server open) and then closes `es`.
 */
export async function serveExportApi(
  es: Client,
  tokens: string,
  exports: Parameters<typeof mountExports>[1],
): Promise<RunningApi> {
  const app = createApp({
    es,
    tokens: createTokenStore(parseTokenEnv(tokens)),
    extend: mountExports(es, exports),
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => void es.close().finally(resolve));
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
