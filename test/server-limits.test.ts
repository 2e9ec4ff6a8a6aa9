import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenStore } from '../packages/query-api/src/auth';
import { createApp, createEsClient } from '../packages/query-api/src/server';
import type { HttpLimits } from '../packages/query-api/src/server/http-limits';
import { serveWithLimits } from '../packages/query-api/src/server/listen';

/** Short limits so the test sees them act; production defaults are in DEFAULT_HTTP_LIMITS. */
const LIMITS: HttpLimits = {
  headersTimeoutMs: 2_000,
  requestTimeoutMs: 3_000,
  keepAliveTimeoutMs: 1_000,
  idleTimeoutMs: 3_000,
  maxConnections: 4,
  checkIntervalMs: 250,
};

const es = createEsClient(process.env.ES_URL ?? 'http://127.0.0.1:9200');
let server: Server;
let port: number;

beforeAll(async () => {
  const app = createApp({ es, tokens: createTokenStore([]) });
  port = await new Promise<number>((resolve) => {
    server = serveWithLimits({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', limits: LIMITS }, (a) =>
      resolve(a.port),
    );
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await es.close();
});

interface Client {
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
  isClosed: () => boolean;
}

async function open(): Promise<Client> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  let text = '';
  let closed = false;
  socket.on('data', (chunk) => (text += chunk.toString()));
  socket.on('error', () => {});
  const done = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  return { socket, received: () => text, closed: done, isClosed: () => closed };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends a request head one byte a second, as a slowloris client does, until done or cut off. */
async function trickle(client: Client): Promise<number> {
  const head = 'GET /api/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: aaaaaaaaaaaaaaaaaaaa\r\n\r\n';
  let sent = 0;
  while (sent < head.length && !client.isClosed()) {
    client.socket.write(head[sent]!);
    sent++;
    await sleep(1_000);
  }
  return sent;
}

async function get(path: string): Promise<number> {
  return (await fetch(`http://127.0.0.1:${port}${path}`)).status;
}

describe('slow and idle clients', () => {
  it(
    'cuts off clients sending their headers one byte a second, each of them',
    { timeout: 60_000 },
    async () => {
      const clients = await Promise.all(Array.from({ length: 3 }, open));
      const sent = await Promise.all(clients.map(trickle));
      for (const [i, client] of clients.entries()) {
        expect(client.isClosed()).toBe(true);
        // Cut off long before the head was complete, and answered with 408 rather than served.
        expect(sent[i]).toBeLessThan(40);
        expect(client.received()).toMatch(/^HTTP\/1\.1 408|^$/);
      }
      expect(await get('/api/openapi.json')).toBe(200);
    },
  );

  it('closes a connection on which the client sends nothing at all', { timeout: 30_000 }, async () => {
    const client = await open();
    await client.closed;
    expect(client.received()).not.toContain('200 OK');
  });

  it(
    'refuses connections beyond the cap, and serves again once they are gone',
    { timeout: 30_000 },
    async () => {
      const held = await Promise.all(Array.from({ length: LIMITS.maxConnections }, open));
      // Node counts a connection once it has accepted it; let the last one land.
      await sleep(100);
      const extra = await open();
      extra.socket.write('GET /api/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n');
      await extra.closed;
      expect(extra.received()).toBe('');
      for (const client of held) client.socket.destroy();
      await Promise.all(held.map((c) => c.closed));
      await sleep(100);
      expect(await get('/api/openapi.json')).toBe(200);
    },
  );
});
