import { useEffect, useId, useState } from 'react';
import { useDashboard } from '../state/DashboardContext';
import { freeText, searchText, selectedValues, type DashboardFilter } from '../state/filters';
import { applySearch, isSearchScope, SEARCH_SCOPES, type SearchScope } from '../state/searchQuery';

const DEBOUNCE_MS = 300;

function appliedText(filters: readonly DashboardFilter[], scope: SearchScope): string {
  if (scope === 'any') return freeText(filters);
  return scope === 'access_device.ip'
    ? (selectedValues(filters, 'is', scope)[0] ?? '')
    : searchText(filters, scope);
}

/** The option's short name: "User name" for "User name contains". */
const OPTION_LABELS: Record<SearchScope, string> = {
  any: 'Any text field',
  'user.name': 'User name',
  'application.name': 'Application',
  'access_device.ip': 'IP address or CIDR block',
};

/**
 * The log's search: free text in any searchable field, a user name or application (case-insensitive
 * "contains") or an IP address or CIDR block, applied as the user pauses typing. An address the API would refuse is not applied; the
 * box says which part is wrong instead.
 */
export function SearchBox() {
  const id = useId();
  const { state, update } = useDashboard();
  // Free text by default: a name, an email, an application or a host, whichever it is.
  const [scope, setScope] = useState<SearchScope>('any');
  const applied = appliedText(state.filters, scope);
  const [text, setText] = useState(applied);
  const [seen, setSeen] = useState({ scope, applied });
  const [problem, setProblem] = useState<string | undefined>();

  // A pill removed elsewhere, back/forward, or another scope changes the applied text: follow it
  // (during render, as React recommends for state derived from props).
  if (applied !== seen.applied || scope !== seen.scope) {
    setSeen({ scope, applied });
    setText(applied);
    setProblem(undefined);
  }

  useEffect(() => {
    if (text.trim() === applied) return;
    const timer = setTimeout(() => {
      const outcome = applySearch(state.filters, scope, text);
      if ('problem' in outcome) return setProblem(outcome.problem);
      setProblem(undefined);
      // Typing refines one history entry instead of adding one per keystroke.
      update(
        (s) => {
          const next = applySearch(s.filters, scope, text);
          return 'filters' in next ? { ...s, filters: next.filters } : s;
        },
        { replace: true },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, applied, scope, state.filters, update]);

  return (
    <div className="sl-search">
      <label htmlFor={`${id}-scope`}>Search in</label>
      <select
        id={`${id}-scope`}
        value={scope}
        onChange={(e) => isSearchScope(e.target.value) && setScope(e.target.value)}
      >
        {Object.keys(SEARCH_SCOPES).map((value) => (
          <option key={value} value={value}>
            {isSearchScope(value) ? OPTION_LABELS[value] : value}
          </option>
        ))}
      </select>
      <label htmlFor={id}>{SEARCH_SCOPES[scope]}</label>
      <input
        id={id}
        type="search"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setProblem(undefined);
        }}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-problem`}
      />
      <p id={`${id}-problem`} className="sl-search__problem" role="status">
        {problem}
      </p>
    </div>
  );
}
