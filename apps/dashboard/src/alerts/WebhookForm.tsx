import {
  MAX_WEBHOOK_URL_LENGTH,
  SEVERITIES,
  webhookUrlProblem,
  type Severity,
  type WebhookPutResult,
  type WebhookSetting,
  type WebhookSettingInput,
} from '@sightline/client';
import type { UseMutationResult } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { SEVERITY_LABELS } from '../findings/findingWords';
import { ErrorState } from '../layout/ErrorState';

interface WebhookFormProps {
  /** The stored setting to edit; undefined to create one. */
  setting?: WebhookSetting;
  save: UseMutationResult<WebhookPutResult, Error, WebhookSettingInput>;
  onSaved: (result: WebhookPutResult) => void;
  onCancel?: () => void;
}

/**
 * Where findings go and from which severity. The URL is checked as the API checks it (the same words),
 * so a mistake is named before anything is sent; what the API refuses anyway is shown as it said it.
 */
export function WebhookForm({ setting, save, onSaved, onCancel }: WebhookFormProps) {
  const id = useId();
  const [url, setUrl] = useState(setting?.url ?? '');
  const [minSeverity, setMinSeverity] = useState<Severity>(setting?.minSeverity ?? 'high');
  const [enabled, setEnabled] = useState(setting?.enabled ?? true);
  const [touched, setTouched] = useState(false);
  const problem = url.trim() === '' ? 'a URL is required' : webhookUrlProblem(url.trim());
  const showProblem = touched && problem !== null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem) {
      document.getElementById(`${id}-url`)?.focus();
      return;
    }
    save.mutate({ url: url.trim(), minSeverity, enabled }, { onSuccess: onSaved });
  };

  return (
    <form
      className="sl-alerts__form"
      onSubmit={submit}
      noValidate
      aria-label={setting ? 'Edit the webhook' : 'Create the webhook'}
    >
      <div className="sl-alerts__field">
        <label htmlFor={`${id}-url`}>Webhook URL</label>
        <input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          value={url}
          maxLength={MAX_WEBHOOK_URL_LENGTH}
          placeholder="https://hooks.example.com/sightline"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={showProblem}
          aria-describedby={showProblem ? `${id}-url-problem` : `${id}-url-hint`}
          onChange={(event) => setUrl(event.target.value)}
          onBlur={() => setTouched(url.trim() !== '' || touched)}
        />
        {showProblem ? (
          <p id={`${id}-url-problem`} className="sl-field-error">
            Webhook URL: {problem}
          </p>
        ) : (
          <p id={`${id}-url-hint`} className="sl-muted sl-alerts__hint">
            https, or http to this machine only (127.0.0.1, localhost) for tests.
          </p>
        )}
      </div>
      <div className="sl-alerts__field">
        <label htmlFor={`${id}-severity`}>Send findings of at least</label>
        <select
          id={`${id}-severity`}
          value={minSeverity}
          onChange={(event) => setMinSeverity(event.target.value as Severity)}
        >
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {SEVERITY_LABELS[s]} severity
            </option>
          ))}
        </select>
      </div>
      <label className="sl-alerts__check">
        <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
        Send alerts (unchecked: the setting is kept, nothing is sent)
      </label>
      <div className="sl-alerts__buttons">
        <button type="submit" className="sl-button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : setting ? 'Save changes' : 'Create webhook'}
        </button>
        {onCancel && (
          <button type="button" className="sl-button sl-button--quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {save.isError && (
        <ErrorState
          error={save.error}
          onRetry={() => save.mutate({ url: url.trim(), minSeverity, enabled }, { onSuccess: onSaved })}
        />
      )}
    </form>
  );
}
