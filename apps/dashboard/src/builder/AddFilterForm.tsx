import type { FilterableField } from '@sightline/schema';
import { useId, useState, type FormEvent } from 'react';
import { useFieldCatalog } from '../api/useFieldCatalog';
import { useDashboard } from '../state/DashboardContext';
import {
  acceptsValues,
  allowedValues,
  isFilterableField,
  isSearchableField,
  selectedValues,
  setExists,
  setSearch,
  setValues,
  valueProblem,
} from '../state/filters';

type Operator = 'is' | 'isNot' | 'search' | 'present' | 'missing';

const OPERATOR_LABELS: Record<Operator, string> = {
  is: 'is',
  isNot: 'is not',
  search: 'contains',
  present: 'is present',
  missing: 'is missing',
};

function operatorsFor(field: FilterableField): Operator[] {
  const ops: Operator[] = [];
  if (acceptsValues(field)) ops.push('is', 'isNot');
  if (isSearchableField(field)) ops.push('search');
  ops.push('present', 'missing');
  return ops;
}

/** Adds any filter the schema allows: a field, an operator and, where needed, a value. */
export function AddFilterForm() {
  const id = useId();
  const { update } = useDashboard();
  const { fields } = useFieldCatalog();
  const filterable = fields.filter((f) => f.filterable && isFilterableField(f.name));
  const [field, setField] = useState<FilterableField>('result');
  const operators = operatorsFor(field);
  const [operator, setOperator] = useState<Operator>('is');
  const op = operators.includes(operator) ? operator : operators[0]!;
  const closed = allowedValues(field);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const needsValue = op === 'is' || op === 'isNot' || op === 'search';
  const chosen = closed && op !== 'search' ? value || closed[0]! : value.trim();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = needsValue
      ? op === 'search'
        ? chosen
          ? undefined
          : 'Enter some text.'
        : valueProblem(field, chosen)
      : undefined;
    if (problem) return setError(problem);
    setError(null);
    update((s) => {
      if (op === 'search' && isSearchableField(field))
        return { ...s, filters: setSearch(s.filters, field, chosen) };
      if (op === 'present' || op === 'missing')
        return { ...s, filters: setExists(s.filters, field, op === 'present') };
      const kind = op === 'isNot' ? 'isNot' : 'is';
      return {
        ...s,
        filters: setValues(s.filters, kind, field, [...selectedValues(s.filters, kind, field), chosen]),
      };
    });
    setValue('');
  };

  return (
    <form className="sl-add-filter" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Add a filter</h3>
      <label htmlFor={`${id}-field`}>Field</label>
      <select
        id={`${id}-field`}
        value={field}
        onChange={(e) => {
          if (isFilterableField(e.target.value)) setField(e.target.value);
          setValue('');
        }}
      >
        {filterable.map((f) => (
          <option key={f.name} value={f.name}>
            {f.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-op`}>Condition</label>
      <select id={`${id}-op`} value={op} onChange={(e) => setOperator(e.target.value as Operator)}>
        {operators.map((o) => (
          <option key={o} value={o}>
            {OPERATOR_LABELS[o]}
          </option>
        ))}
      </select>
      {needsValue && (
        <>
          <label htmlFor={`${id}-value`}>Value</label>
          {closed && op !== 'search' ? (
            <select id={`${id}-value`} value={chosen} onChange={(e) => setValue(e.target.value)}>
              {closed.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`${id}-value`}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
          )}
        </>
      )}
      <button type="submit" className="sl-button">
        Add filter
      </button>
      {error && (
        <p id={`${id}-error`} role="alert" className="sl-field-error">
          {error}
        </p>
      )}
    </form>
  );
}
