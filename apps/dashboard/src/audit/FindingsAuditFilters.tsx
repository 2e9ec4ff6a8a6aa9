import { useId, useState, type FormEvent } from 'react';
import { auditFilterProblem, MAX_AUDIT_NAME_LENGTH, type FindingsAuditFilter } from '../state/findingsAudit';

interface FindingsAuditFiltersProps {
  filter: FindingsAuditFilter;
  onChange: (filter: FindingsAuditFilter) => void;
}

/** Narrows the audit to the findings about a user and to the changes one token made. */
export function FindingsAuditFilters({ filter, onChange }: FindingsAuditFiltersProps) {
  const id = useId();
  const [user, setUser] = useState(filter.user ?? '');
  const [changedBy, setChangedBy] = useState(filter.changedBy ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: FindingsAuditFilter = { ...(filter.finding ? { finding: filter.finding } : {}) };
    if (user.trim() && !auditFilterProblem('user', user)) next.user = user.trim();
    if (changedBy.trim() && !auditFilterProblem('changedBy', changedBy)) next.changedBy = changedBy.trim();
    onChange(next);
  };
  const clear = () => {
    setUser('');
    setChangedBy('');
    onChange(filter.finding ? { finding: filter.finding } : {});
  };
  return (
    <form className="sl-audit__filters" onSubmit={submit} aria-label="Narrow the findings audit">
      <div className="sl-control">
        <label htmlFor={`${id}-user`}>Findings about user</label>
        <input
          id={`${id}-user`}
          type="text"
          value={user}
          maxLength={MAX_AUDIT_NAME_LENGTH}
          autoComplete="off"
          onChange={(event) => setUser(event.target.value)}
        />
      </div>
      <div className="sl-control">
        <label htmlFor={`${id}-by`}>Changed by (token name)</label>
        <input
          id={`${id}-by`}
          type="text"
          value={changedBy}
          maxLength={MAX_AUDIT_NAME_LENGTH}
          autoComplete="off"
          onChange={(event) => setChangedBy(event.target.value)}
        />
      </div>
      <button type="submit" className="sl-button">
        Apply
      </button>
      {(filter.user || filter.changedBy) && (
        <button type="button" className="sl-button sl-button--quiet" onClick={clear}>
          Clear
        </button>
      )}
    </form>
  );
}
