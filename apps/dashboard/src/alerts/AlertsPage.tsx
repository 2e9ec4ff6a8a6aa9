import { SightlineApiError, type WebhookSetting, type WebhookSettingInput } from '@sightline/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useClient } from '../api/ApiProvider';
import { useCustomers } from '../api/useCustomers';
import { AdminOnlyNotice } from '../audit/AdminOnlyNotice';
import { ErrorState } from '../layout/ErrorState';
import { PageHeading } from '../layout/PageHeading';
import { Skeleton } from '../layout/Widget';
import { useDashboard } from '../state/DashboardContext';
import { DeliveryAudit, deliveriesKey } from './DeliveryAudit';
import { SecretReveal } from './SecretReveal';
import { WebhookForm } from './WebhookForm';
import { WebhookSummary } from './WebhookSummary';
import './alerts.css';

const isStatus = (error: unknown, status: number) =>
  error instanceof SightlineApiError && error.status === status;

/**
 * The customer's webhook alerts, for admin tokens: where findings go and from which severity, on or
 * off, the signing secret (shown once, at creation or rotation), a test send, and the delivery audit.
 */
export function AlertsPage() {
  const client = useClient();
  const customers = useCustomers();
  const { state } = useDashboard();
  const queryClient = useQueryClient();
  const key = ['alert-webhook', state.customer ?? ''];
  const webhook = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => client.webhook({ signal }),
    // Only once the token is known to be an admin's (or the check failed and the API is to say).
    enabled: customers.kind === 'admin' || customers.kind === 'failed',
    retry: (count, error) => count < 1 && !(error instanceof SightlineApiError && error.status < 500),
  });
  const [secret, setSecret] = useState<{ value: string; reason: 'created' | 'rotated' } | null>(null);
  const [editing, setEditing] = useState(false);
  const stored = (setting: WebhookSetting) => queryClient.setQueryData(key, setting);
  const save = useMutation({
    mutationFn: (input: WebhookSettingInput) => client.putWebhook(input),
    onSuccess: (result) => stored(result.setting),
  });

  const forbidden = customers.kind === 'own' || isStatus(webhook.error, 403);
  const none = isStatus(webhook.error, 404);

  return (
    <>
      <PageHeading title="Alerts" />
      {customers.kind === 'loading' ? (
        <Skeleton height={160} label="Loading" />
      ) : forbidden ? (
        <AdminOnlyNotice what="Alerting" />
      ) : (
        <>
          <p className="sl-muted">
            Findings at or above a severity are posted to the customer’s webhook as they are found, signed
            with HMAC, retried with backoff until the receiver answers 2xx.
          </p>
          {secret && (
            <SecretReveal secret={secret.value} reason={secret.reason} onDone={() => setSecret(null)} />
          )}
          <section className="sl-widget sl-alerts" data-widget="webhook" aria-labelledby="sl-alerts-webhook">
            <h2 id="sl-alerts-webhook" className="sl-alerts__h2">
              Webhook
            </h2>
            {webhook.isPending && !webhook.isError ? (
              <Skeleton height={160} label="Loading the webhook" />
            ) : none ? (
              <>
                <p className="sl-state">This customer has no webhook yet: nothing is sent.</p>
                <WebhookForm
                  save={save}
                  onSaved={(result) => {
                    if (result.secret) setSecret({ value: result.secret, reason: 'created' });
                  }}
                />
              </>
            ) : webhook.isError ? (
              <ErrorState error={webhook.error} onRetry={() => void webhook.refetch()} />
            ) : editing ? (
              <WebhookForm
                setting={webhook.data}
                save={save}
                onSaved={() => setEditing(false)}
                onCancel={() => {
                  save.reset();
                  setEditing(false);
                }}
              />
            ) : (
              <WebhookSummary
                setting={webhook.data}
                onEdit={() => setEditing(true)}
                onStored={stored}
                onRotated={(value) => setSecret({ value, reason: 'rotated' })}
                onTested={() =>
                  void queryClient.invalidateQueries({ queryKey: deliveriesKey(state.customer) })
                }
              />
            )}
          </section>
          <DeliveryAudit />
        </>
      )}
    </>
  );
}
