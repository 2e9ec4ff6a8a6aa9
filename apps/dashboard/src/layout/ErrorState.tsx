import { describeError } from '../api/errors';

interface ErrorStateProps {
  error: unknown;
  onRetry: () => void;
}

/** What went wrong and what to do: retry, or fix the filter the API named. */
export function ErrorState({ error, onRetry }: ErrorStateProps) {
  const { title, message, issues, recovery } = describeError(error);
  return (
    <div className="sl-state sl-state--error" role="alert">
      <p>
        <strong>{title}</strong>
      </p>
      <p>{message}</p>
      {issues.length > 0 && (
        <ul aria-label="Problems the API found">
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              {issue.path && <code>{issue.path}</code>} {issue.message}
            </li>
          ))}
        </ul>
      )}
      {recovery === 'retry' && (
        <button type="button" className="sl-button sl-button--quiet" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
