import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { createApp } from '../../packages/query-api/src/server';

export const BENCH_TOKEN = 'bench-token';

/** The API on a loopback port, as `npm start` serves it, with a pool of connections to it. */
export async function serveApi(
  options: Parameters<typeof createApp>[0],
): Promise<{ pool: Pool; close: () => Promise<void> }> {
  const server = serve({ fetch: createApp(options).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { connections: 4 });
  return {
    pool,
    close: async () => {
      await pool.close();
      server.close();
    },
  };
}

/** One report through the API (POST /api/reports/run with BENCH_TOKEN): its status, answer and time. */
export async function postReport(
  pool: Pool,
  definition: unknown,
): Promise<{ ms: number; status: number; body: { meta?: { source?: string } } }> {
  const t = performance.now();
  const res = await pool.request({
    path: '/api/reports/run',
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(definition),
  });
  const body = (await res.body.json()) as { meta?: { source?: string } };
  return { ms: performance.now() - t, status: res.statusCode, body };
}
