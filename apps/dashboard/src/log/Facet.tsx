import type { ReportDefinition } from '@sightline/schema/reports';
import type { FilterableField, GroupableField } from '@sightline/schema';
import { useId, useMemo } from 'react';
import { useFieldCatalog } from '../api/useFieldCatalog';
import { useWidgetReport } from '../api/useWidgetReport';
import { useDashboard } from '../state/DashboardContext';
import { selectedValues, setValues, type DashboardFilter } from '../state/filters';
import { reportScope } from '../state/reportScope';

interface FacetProps {
  field: FilterableField & GroupableField;
  /** How many of the most frequent values to offer. */
  top?: number;
}

const format = new Intl.NumberFormat('en-US');

/**
 * One field's values with their counts under the other filters (this field's own selection left
 * out, so choosing one value does not hide the others): ticking a box filters the whole page.
 */
export function Facet({ field, top = 8 }: FacetProps) {
  const id = useId();
  const { state, update } = useDashboard();
  const { byName, labelOf } = useFieldCatalog();
  const selected = selectedValues(state.filters, 'is', field);
  const definition = useMemo<ReportDefinition>(() => {
    const others = state.filters.filter((f: DashboardFilter) => !(f.kind === 'is' && f.field === field));
    const scope = reportScope({ ...state, filters: others });
    return { ...scope, view: { type: 'breakdown', groupBy: field, top, other: false } };
  }, [state, field, top]);
  const report = useWidgetReport<'breakdown'>(definition, (r) => r.rows.length === 0);

  const counts = new Map(report.result?.rows.map((r) => [r.key, r.value]));
  // Closed fields list every value; open ones the most frequent, plus whatever is already selected.
  const known = byName.get(field)?.values;
  const values = [...new Set([...(known ?? report.result?.rows.map((r) => r.key) ?? []), ...selected])];

  const toggle = (value: string, on: boolean) =>
    update((s) => {
      const current = selectedValues(s.filters, 'is', field);
      return {
        ...s,
        filters: setValues(
          s.filters,
          'is',
          field,
          on ? [...current, value] : current.filter((v) => v !== value),
        ),
      };
    });

  return (
    <fieldset
      className="sl-facet"
      data-facet={field}
      aria-busy={report.state === 'loading' || report.state === 'updating'}
    >
      <legend>{labelOf(field)}</legend>
      {report.state === 'error' && <p className="sl-muted">Counts unavailable.</p>}
      {values.length === 0 && report.state !== 'loading' && <p className="sl-muted">No values in range.</p>}
      {report.state === 'loading' && values.length === 0 && <p className="sl-muted">Loading…</p>}
      <ul>
        {values.map((value) => {
          const inputId = `${id}-${value}`;
          return (
            <li key={value}>
              <input
                id={inputId}
                type="checkbox"
                checked={selected.includes(value)}
                onChange={(e) => toggle(value, e.target.checked)}
              />
              <label htmlFor={inputId}>{value}</label>
              <span className="sl-facet__count">
                {counts.has(value) ? format.format(counts.get(value)!) : '–'}
              </span>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
