import type { WebhookDelivery } from '@sightline/client';

/** How the receiver answered a test, in words. */
export function testResultText(delivery: Pick<WebhookDelivery, 'state' | 'attempts' | 'lastError'>): string {
  const attempt = delivery.attempts[0];
  const took = attempt ? ` in ${attempt.durationMs.toLocaleString('en-US')} ms` : '';
  if (delivery.state === 'delivered')
    return `Test delivered: the receiver answered HTTP ${attempt?.statusCode ?? '2xx'}${took}.`;
  const why = attempt?.statusCode
    ? `the receiver answered HTTP ${attempt.statusCode}`
    : (delivery.lastError ?? 'no answer');
  return `Test not delivered: ${why}${took}. Tests are not retried.`;
}
