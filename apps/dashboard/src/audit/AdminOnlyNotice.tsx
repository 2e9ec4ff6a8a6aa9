/** What an admin-only page says to a customer token, whether it knew beforehand or the API refused. */
export function AdminOnlyNotice({ what }: { what: string }) {
  return (
    <p role="alert" className="sl-state">
      {what} is for admin tokens; this token reads one customer. Sign in with an admin token to see it.
    </p>
  );
}
