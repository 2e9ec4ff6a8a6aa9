import {
  SightlineApiError,
  type SightlineClient,
  type WebhookDelivery,
  type WebhookDeliveryPage,
  type WebhookSetting,
} from '@sightline/client';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { AlertsPage } from './AlertsPage';
import { renderPage } from '../api/test-support';

afterEach(cleanup);

const SETTING: WebhookSetting = {
  customer: 'acme',
  url: 'https://hooks.example.com/sightline',
  minSeverity: 'high',
  enabled: true,
  createdAt: '2026-11-20T09:00:00.000Z',
  updatedAt: '2026-11-20T09:30:00.000Z',
  updatedBy: 'ops-admin',
  secretCreatedAt: '2026-11-20T09:00:00.000Z',
};

const TEST_DELIVERY: WebhookDelivery = {
  id: 'test1',
  customer: 'acme',
  event: 'webhook.test',
  findingId: null,
  severity: null,
  state: 'delivered',
  attemptCount: 1,
  nextAttemptAt: null,
  createdAt: '2026-11-20T10:00:00.000Z',
  deliveredAt: '2026-11-20T10:00:00.050Z',
  lastError: null,
  attempts: [
    {
      attempt: 1,
      at: '2026-11-20T10:00:00.000Z',
      url: SETTING.url,
      durationMs: 42,
      statusCode: 204,
      error: null,
      outcome: 'delivered',
    },
  ],
};

const noDeliveries: WebhookDeliveryPage = { deliveries: [], nextCursor: null };
const notFound = () =>
  new SightlineApiError(
    404,
    'not_found',
    'customer acme has no webhook; create one with PUT /api/alerts/webhook',
  );

describe('the Alerts page', () => {
  it('creates a webhook, naming a bad URL as the API would before sending, and shows the secret once', async () => {
    let put!: MockInstance<SightlineClient['putWebhook']>;
    renderPage('alerts', <AlertsPage />, {
      stub: (client) => {
        vi.spyOn(client, 'webhook').mockRejectedValue(notFound());
        vi.spyOn(client, 'webhookDeliveries').mockResolvedValue(noDeliveries);
        put = vi
          .spyOn(client, 'putWebhook')
          .mockResolvedValue({ setting: SETTING, created: true, secret: 'whsec_abc123' });
      },
    });

    await screen.findByText('This customer has no webhook yet: nothing is sent.');
    const url = screen.getByLabelText('Webhook URL');
    fireEvent.change(url, { target: { value: 'http://hooks.example.com/x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create webhook' }));
    expect(await screen.findByText(/^Webhook URL: http is allowed only to loopback/)).toBeTruthy();
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(put).not.toHaveBeenCalled();

    fireEvent.change(url, { target: { value: SETTING.url } });
    fireEvent.change(screen.getByLabelText('Send findings of at least'), { target: { value: 'medium' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create webhook' }));
    await waitFor(() =>
      expect(put).toHaveBeenCalledWith({ url: SETTING.url, minSeverity: 'medium', enabled: true }),
    );
    const secret = await screen.findByRole('region', { name: /signing secret: copy it now/ });
    expect(within(secret).getByText('whsec_abc123')).toBeTruthy();
    expect(secret.textContent).toMatch(/shown only this once/);
    expect(within(secret).getByRole('button', { name: 'Copy secret' })).toBeTruthy();
    // The stored setting replaces the form; "Done" forgets the secret for good.
    expect(await screen.findByText(SETTING.url)).toBeTruthy();
    fireEvent.click(within(secret).getByRole('button', { name: 'Done, I have stored it' }));
    expect(screen.queryByText('whsec_abc123')).toBeNull();
  });

  it('shows what the API refused with the dashboard’s error state', async () => {
    renderPage('alerts', <AlertsPage />, {
      stub: (client) => {
        vi.spyOn(client, 'webhook').mockRejectedValue(notFound());
        vi.spyOn(client, 'webhookDeliveries').mockResolvedValue(noDeliveries);
        vi.spyOn(client, 'putWebhook').mockRejectedValue(
          new SightlineApiError(400, 'invalid_request', 'invalid json', {
            issues: [{ path: 'url', message: 'the scheme ftp is not supported; use https' }],
          }),
        );
      },
    });
    await screen.findByLabelText('Webhook URL');
    fireEvent.change(screen.getByLabelText('Webhook URL'), {
      target: { value: 'https://hooks.example.com/a' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create webhook' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The API refused this request');
    expect(alert.textContent).toContain('the scheme ftp is not supported; use https');
  });

  it('rotates only once confirmed and shows the new secret; disables; sends a test that joins the audit', async () => {
    const { client } = renderPage('alerts', <AlertsPage />, {
      stub: (client) => {
        vi.spyOn(client, 'webhook').mockResolvedValue(SETTING);
        vi.spyOn(client, 'webhookDeliveries').mockResolvedValue(noDeliveries);
        vi.spyOn(client, 'rotateWebhookSecret').mockResolvedValue({
          setting: { ...SETTING, secretCreatedAt: '2026-11-20T11:00:00.000Z' },
          secret: 'whsec_new',
        });
        vi.spyOn(client, 'putWebhook').mockResolvedValue({
          setting: { ...SETTING, enabled: false },
          created: false,
          secret: null,
        });
        vi.spyOn(client, 'testWebhook').mockResolvedValue(TEST_DELIVERY);
      },
    });
    const rotate = vi.mocked(client.rotateWebhookSecret);
    const put = vi.mocked(client.putWebhook);
    const test = vi.mocked(client.testWebhook);
    const deliveries = vi.mocked(client.webhookDeliveries);

    expect(await screen.findByText(SETTING.url)).toBeTruthy();
    expect(screen.getByText('Findings of high severity or above')).toBeTruthy();
    expect(await screen.findByText(/Nothing sent yet/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Rotate secret…' }));
    expect(rotate).not.toHaveBeenCalled();
    expect(screen.getByRole('group', { name: 'Rotate the secret' }).textContent).toMatch(
      /replaces the current one at once/,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Rotate now' }));
    const secret = await screen.findByRole('region', { name: /new signing secret: copy it now/ });
    expect(within(secret).getByText('whsec_new')).toBeTruthy();
    expect(secret.textContent).toMatch(/old secret no longer signs/);

    deliveries.mockResolvedValue({ deliveries: [TEST_DELIVERY], nextCursor: null });
    fireEvent.click(screen.getByRole('button', { name: 'Send a test' }));
    expect(await screen.findByText('Test delivered: the receiver answered HTTP 204 in 42 ms.')).toBeTruthy();
    expect(test).toHaveBeenCalledTimes(1);
    const row = await screen.findByRole('row', { name: /Test event/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Nov 20, 2026, 10:00:00 UTC', 'Test event', '1', '204', 'Delivered', '']);

    fireEvent.click(screen.getByRole('button', { name: 'Disable' }));
    await waitFor(() =>
      expect(put).toHaveBeenCalledWith({ url: SETTING.url, minSeverity: 'high', enabled: false }),
    );
    expect(await screen.findByText('Disabled: nothing is sent')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Send a test' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('tells a customer token the page is for admins, without asking for the webhook', async () => {
    let webhook!: MockInstance<SightlineClient['webhook']>;
    renderPage('alerts', <AlertsPage />, {
      admin: false,
      stub: (client) => (webhook = vi.spyOn(client, 'webhook')),
    });
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Alerting is for admin tokens/);
    expect(webhook).not.toHaveBeenCalled();
  });
});
