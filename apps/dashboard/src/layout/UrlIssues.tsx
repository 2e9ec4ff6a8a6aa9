interface UrlIssuesProps {
  issues: readonly string[];
  onDismiss: () => void;
}

/** Parts of a link that could not be used are dropped, and said so here, never silently. */
export function UrlIssues({ issues, onDismiss }: UrlIssuesProps) {
  if (issues.length === 0) return null;
  return (
    <div className="sl-notice sl-notice--warning" role="status">
      <p>
        <strong>Part of this link could not be used.</strong> The rest of the view is shown.
      </p>
      <ul>
        {issues.map((issue) => (
          <li key={issue}>{issue}</li>
        ))}
      </ul>
      <button type="button" className="sl-button sl-button--quiet" onClick={onDismiss}>
        Clean up the link
      </button>
    </div>
  );
}
