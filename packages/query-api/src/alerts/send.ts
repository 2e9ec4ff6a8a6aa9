import {
  ATTEMPT_HEADER,
  DELIVERY_HEADER,
  EVENT_HEADER,
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
} from './signature';
import type { AlertEvent } from '@sightline/schema/api';

export interface WebhookRequest {
  url: string;
  secret: string;
  /** The idempotency key. */
  id: string;
  event: AlertEvent;
  /** 1-based. */
  attempt: number;
  /** The JSON body, serialised once so the signature covers exactly what is sent. */
  body: string;
}

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Words for what went wrong below HTTP: the innermost cause, as Node's fetch nests it. */
function networkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no response within ${timeoutMs} ms`;
  let cause: unknown = error;
  while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
  const code = (cause as { code?: string }).code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/**
 * One signed POST. Success is a 2xx; a redirect is a failure (not followed: the receiver's address is
 * what the admin set, and a redirect could carry the finding elsewhere). The timeout covers the
 * connection and the response headers; the body is not read beyond them.
 */
export async function sendWebhook(
  request: WebhookRequest,
  timeoutMs: number,
  doFetch: typeof fetch = globalThis.fetch,
  clock: () => number = Date.now,
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await doFetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Sightline-Webhook/1',
        [SIGNATURE_HEADER]: signWebhook(request.secret, request.body, Math.floor(clock() / 1000)),
        [IDEMPOTENCY_HEADER]: request.id,
        [DELIVERY_HEADER]: request.id,
        [EVENT_HEADER]: request.event,
        [ATTEMPT_HEADER]: String(request.attempt),
      },
      body: request.body,
    });
    // Free the connection without waiting for a body nobody reads.
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      statusCode: response.status,
      error: ok
        ? null
        : `the receiver answered ${response.status}${response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : ''}`,
      durationMs: elapsed(),
    };
  } catch (error) {
    return { ok: false, statusCode: null, error: networkError(error, timeoutMs), durationMs: elapsed() };
  }
}
