import { useEffect, useRef } from 'react';
import { CopyButton } from '../builder/CopyButton';

interface SecretRevealProps {
  secret: string;
  /** Why there is a new secret: the webhook was created, or its secret rotated. */
  reason: 'created' | 'rotated';
  onDone: () => void;
}

/**
 * The signing secret, the one time the API gives it. Nothing keeps it: leaving the page or pressing
 * "Done" loses it for good, and only a rotation makes another. Focus moves here so the warning is read.
 */
export function SecretReveal({ secret, reason, onDone }: SecretRevealProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="sl-notice sl-notice--warning sl-alerts__secret"
      role="region"
      aria-labelledby="sl-alerts-secret-title"
      data-secret-shown=""
    >
      <p id="sl-alerts-secret-title">
        <strong>
          {reason === 'created' ? 'The webhook’s signing secret' : 'The new signing secret'}: copy it now
        </strong>
      </p>
      <p>
        It is shown only this once. Sightline keeps it to sign every delivery (the X-Sightline-Signature
        header) but never shows it again; if it is lost, rotate the secret.
        {reason === 'rotated' && ' The old secret no longer signs anything: update the receiver now.'}
      </p>
      <code className="sl-alerts__secret-value" data-secret="">
        {secret}
      </code>
      <div className="sl-alerts__buttons">
        <CopyButton text={secret} label="Copy secret" />
        <button type="button" className="sl-button sl-button--quiet" onClick={onDone}>
          Done, I have stored it
        </button>
      </div>
    </div>
  );
}
