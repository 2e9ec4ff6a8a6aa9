import type { WebhookDelivery } from '@sightline/client';
import { describe, expect, it } from 'vitest';
import { deliveryRows } from './deliveryRows';

const delivery = (over: Partial<WebhookDelivery>): WebhookDelivery => ({
  id: 'd1',
  customer: 'acme',
  event: 'finding.created',
  findingId: 'f'.repeat(32),
  severity: 'high',
  state: 'delivered',
  attemptCount: 0,
  nextAttemptAt: null,
  createdAt: '2026-11-20T10:00:00.000Z',
  deliveredAt: null,
  lastError: null,
  attempts: [],
  ...over,
});

const attempt = (
  n: number,
  outcome: 'delivered' | 'retry' | 'failed',
  statusCode: number | null,
  error: string | null,
) => ({
  attempt: n,
  at: `2026-11-20T10:0${n}:00.000Z`,
  url: 'https://hooks.example.com/x',
  durationMs: 12,
  statusCode,
  error,
  outcome,
});

describe('the delivery audit rows', () => {
  it('list each attempt, latest first, with the next retry on the latest of a pending delivery', () => {
    const rows = deliveryRows([
      delivery({
        state: 'pending',
        nextAttemptAt: '2026-11-20T10:05:00.000Z',
        attempts: [attempt(1, 'retry', 503, 'HTTP 503'), attempt(2, 'retry', null, 'timed out after 5 s')],
      }),
    ]);
    expect(rows.map((r) => [r.attempt, r.statusCode, r.outcome, r.nextRetry])).toEqual([
      [2, null, 'Failed: timed out after 5 s; retrying', '2026-11-20T10:05:00.000Z'],
      [1, 503, 'Failed: HTTP 503; retrying', null],
    ]);
  });

  it('say delivered, failed for good, waiting, and cancelled with the reason', () => {
    const rows = deliveryRows([
      delivery({ id: 'ok', attempts: [attempt(1, 'delivered', 200, null)] }),
      delivery({ id: 'gone', state: 'failed', attempts: [attempt(6, 'failed', 500, 'HTTP 500')] }),
      delivery({ id: 'new', state: 'pending', nextAttemptAt: '2026-11-20T10:00:00.000Z' }),
      delivery({ id: 'off', state: 'cancelled', lastError: 'the webhook was disabled' }),
      delivery({
        id: 'muted',
        state: 'cancelled',
        lastError: 'the finding was muted',
        attempts: [attempt(1, 'retry', 502, 'HTTP 502')],
      }),
    ]);
    expect(rows.map((r) => [r.deliveryId, r.attempt, r.outcome, r.outcomeKind, r.nextRetry])).toEqual([
      ['ok', 1, 'Delivered', 'delivered', null],
      ['gone', 6, 'Failed: HTTP 500; no attempt left', 'failed', null],
      ['new', null, 'Waiting for its first attempt', 'pending', '2026-11-20T10:00:00.000Z'],
      ['off', null, 'Cancelled before sending: the webhook was disabled', 'cancelled', null],
      ['muted', 1, 'Failed: HTTP 502; then cancelled: the finding was muted', 'cancelled', null],
    ]);
  });
});
