import type { WebhookSetting } from '@sightline/client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useClient } from '../api/ApiProvider';
import { SEVERITY_LABELS } from '../findings/findingWords';
import { ErrorState } from '../layout/ErrorState';
import { useDashboard } from '../state/DashboardContext';
import { instantFormat } from '../state/dateFormat';
import { testResultText } from './testResultText';

interface WebhookSummaryProps {
  setting: WebhookSetting;
  onEdit: () => void;
  /** The setting as the API now stores it (after enabling, disabling or rotating). */
  onStored: (setting: WebhookSetting) => void;
  /** The new secret, for the page to show once. */
  onRotated: (secret: string) => void;
  /** A test was sent (or refused): the delivery audit has changed. */
  onTested: () => void;
}

/** The stored webhook and what an admin can do with it: edit, turn on or off, rotate, test. */
export function WebhookSummary({ setting, onEdit, onStored, onRotated, onTested }: WebhookSummaryProps) {
  const client = useClient();
  const { state } = useDashboard();
  const when = instantFormat(state.timeZone);
  const [confirming, setConfirming] = useState(false);
  const toggle = useMutation({
    mutationFn: () =>
      client.putWebhook({ url: setting.url, minSeverity: setting.minSeverity, enabled: !setting.enabled }),
    onSuccess: (result) => onStored(result.setting),
  });
  const rotate = useMutation({
    mutationFn: () => client.rotateWebhookSecret(),
    onSuccess: (result) => {
      setConfirming(false);
      onStored(result.setting);
      onRotated(result.secret);
    },
  });
  const test = useMutation({ mutationFn: () => client.testWebhook(), onSettled: onTested });
  const failed = [toggle, rotate, test].find((m) => m.isError);
  const time = (iso: string) => <time dateTime={iso}>{when.format(new Date(iso))}</time>;

  return (
    <>
      <dl className="sl-alerts__facts">
        <div>
          <dt>URL</dt>
          <dd>
            <code data-webhook-url="">{setting.url}</code>
          </dd>
        </div>
        <div>
          <dt>Sends</dt>
          <dd>Findings of {SEVERITY_LABELS[setting.minSeverity].toLowerCase()} severity or above</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd data-enabled={String(setting.enabled)}>
            {setting.enabled ? 'Enabled: alerts are sent' : 'Disabled: nothing is sent'}
          </dd>
        </div>
        <div>
          <dt>Last changed</dt>
          <dd>
            {time(setting.updatedAt)} by {setting.updatedBy}
          </dd>
        </div>
        <div>
          <dt>Signing secret made</dt>
          <dd>{time(setting.secretCreatedAt)}</dd>
        </div>
      </dl>
      <div className="sl-alerts__buttons">
        <button type="button" className="sl-button" onClick={onEdit}>
          Edit
        </button>
        <button
          type="button"
          className="sl-button sl-button--quiet"
          disabled={toggle.isPending}
          onClick={() => toggle.mutate()}
        >
          {setting.enabled ? 'Disable' : 'Enable'}
        </button>
        <button
          type="button"
          className="sl-button sl-button--quiet"
          aria-expanded={confirming}
          onClick={() => setConfirming(true)}
        >
          Rotate secret…
        </button>
        <button
          type="button"
          className="sl-button sl-button--quiet"
          disabled={!setting.enabled || test.isPending}
          aria-describedby={setting.enabled ? undefined : 'sl-alerts-test-off'}
          onClick={() => test.mutate()}
        >
          {test.isPending ? 'Sending…' : 'Send a test'}
        </button>
      </div>
      {!setting.enabled && (
        <p id="sl-alerts-test-off" className="sl-muted">
          Enable the webhook to send a test.
        </p>
      )}
      {confirming && (
        <div
          className="sl-notice sl-notice--warning sl-notice--inline"
          role="group"
          aria-label="Rotate the secret"
        >
          <p>
            A new secret replaces the current one at once: deliveries are signed with the new one from now on,
            and a receiver still checking the old one refuses them until it is updated.
          </p>
          <div className="sl-alerts__buttons">
            <button
              type="button"
              className="sl-button"
              disabled={rotate.isPending}
              onClick={() => rotate.mutate()}
            >
              {rotate.isPending ? 'Rotating…' : 'Rotate now'}
            </button>
            <button type="button" className="sl-button sl-button--quiet" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <p role="status" className="sl-alerts__result" data-test-state={test.data?.state ?? ''}>
        {test.data ? testResultText(test.data) : ''}
      </p>
      {failed && <ErrorState error={failed.error} onRetry={() => failed.mutate()} />}
    </>
  );
}
