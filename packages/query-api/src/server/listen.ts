import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { applyHttpLimits, DEFAULT_HTTP_LIMITS, httpServerOptions, type HttpLimits } from './http-limits';

export interface ServeOptions {
  fetch: Parameters<typeof serve>[0]['fetch'];
  port: number;
  hostname: string;
  limits?: HttpLimits;
}

/** Serves `fetch` on Node's HTTP server with the header, request and idle timeouts and the connection cap set. */
export function serveWithLimits(
  { fetch, port, hostname, limits = DEFAULT_HTTP_LIMITS }: ServeOptions,
  onListening?: (address: AddressInfo) => void,
): Server {
  const server = serve(
    { fetch, port, hostname, serverOptions: httpServerOptions(limits) },
    onListening,
  ) as Server;
  applyHttpLimits(server, limits);
  return server;
}
