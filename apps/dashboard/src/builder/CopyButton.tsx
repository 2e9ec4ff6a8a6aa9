import { useState } from 'react';
import { copyText } from './copyText';

/** Copies `text`; says whether it worked in a live region next to the button. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [status, setStatus] = useState('');
  return (
    <span className="sl-copy">
      <button
        type="button"
        className="sl-button sl-button--quiet"
        onClick={() =>
          copyText(text).then(
            () => setStatus('Copied'),
            (error: unknown) =>
              setStatus(`Copy failed: ${error instanceof Error ? error.message : String(error)}`),
          )
        }
      >
        {label}
      </button>
      <span role="status" aria-live="polite" className="sl-muted">
        {status}
      </span>
    </span>
  );
}
