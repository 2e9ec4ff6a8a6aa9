import { useEffect, useId, useState } from 'react';
import { useDashboard } from '../state/DashboardContext';
import { searchText, setSearch, type SearchableField } from '../state/filters';

const DEBOUNCE_MS = 300;

/** Free text on a searchable field (case-insensitive "contains"), applied as the user pauses typing. */
export function TextSearch({ field, label }: { field: SearchableField; label: string }) {
  const id = useId();
  const { state, update } = useDashboard();
  const applied = searchText(state.filters, field);
  const [text, setText] = useState(applied);
  const [seen, setSeen] = useState(applied);

  // A pill removed elsewhere, or back/forward, changes the applied text: follow it (during render,
  // as React recommends for state derived from props).
  if (applied !== seen) {
    setSeen(applied);
    setText(applied);
  }

  useEffect(() => {
    if (text.trim() === applied) return;
    // Typing refines one history entry instead of adding one per keystroke.
    const timer = setTimeout(
      () => update((s) => ({ ...s, filters: setSearch(s.filters, field, text) }), { replace: true }),
      DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [text, applied, field, update]);

  return (
    <div className="sl-search">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
    </div>
  );
}
