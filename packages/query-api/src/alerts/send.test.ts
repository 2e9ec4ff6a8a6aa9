import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWebhook, type WebhookRequest } from './send';
import { verifyWebhookSignature } from './signature';

const servers: { close: () => void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A receiver on loopback answering with `answer`; returns its URL and what it received. */
async function receiver(answer: (res: ServerResponse) => void) {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

const request = (url: string): WebhookRequest => ({
  url,
  secret: 'whsec_unit',
  id: 'a1b2c3',
  event: 'finding.created',
  attempt: 2,
  body: '{"id":"a1b2c3"}',
});

describe('one webhook attempt', () => {
  it('POSTs the body signed, with the idempotency key, the event and the attempt number', async () => {
    const hook = await receiver((res) => res.writeHead(204).end());
    const result = await sendWebhook(request(hook.url), 2000);
    expect(result).toMatchObject({ ok: true, statusCode: 204, error: null });
    const [got] = hook.received;
    expect(got!.body).toBe('{"id":"a1b2c3"}');
    expect(got!.headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': 'a1b2c3',
      'x-sightline-delivery': 'a1b2c3',
      'x-sightline-event': 'finding.created',
      'x-sightline-attempt': '2',
    });
    const header = got!.headers['x-sightline-signature'] as string;
    expect(verifyWebhookSignature({ secret: 'whsec_unit', body: got!.body, header }).ok).toBe(true);
  });

  it('fails on a non-2xx, naming the status', async () => {
    const hook = await receiver((res) => res.writeHead(500).end('boom'));
    expect(await sendWebhook(request(hook.url), 2000)).toMatchObject({
      ok: false,
      statusCode: 500,
      error: 'the receiver answered 500',
    });
  });

  it('does not follow a redirect', async () => {
    const target = await receiver((res) => res.writeHead(200).end());
    const hook = await receiver((res) => res.writeHead(302, { Location: target.url }).end());
    expect(await sendWebhook(request(hook.url), 2000)).toMatchObject({
      ok: false,
      statusCode: 302,
      error: 'the receiver answered 302 (redirects are not followed)',
    });
    expect(target.received).toEqual([]);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const hook = await receiver(() => undefined);
    const result = await sendWebhook(request(hook.url), 200);
    expect(result).toMatchObject({ ok: false, statusCode: null, error: 'no response within 200 ms' });
  });

  it('names the network error when nothing listens', async () => {
    const hook = await receiver((res) => res.writeHead(200).end());
    servers.splice(0).forEach((s) => s.close());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const result = await sendWebhook(request(hook.url), 2000);
    expect(result).toMatchObject({ ok: false, statusCode: null });
    expect(result.error).toMatch(/ECONNREFUSED/);
  });
});
