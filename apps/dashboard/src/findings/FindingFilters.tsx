import {
  DEFAULT_FINDING_SORT,
  FINDING_SORTS,
  FINDING_STATUSES,
  FINDING_TYPES,
  SEVERITIES,
  type FindingStatus,
  type FindingType,
} from '@sightline/client';
import { useId } from 'react';
import type { FindingsView } from './findingsUrl';
import { SEVERITY_LABELS, SORT_LABELS, STATUS_LABELS, TYPE_LABELS } from './findingWords';

interface FindingFiltersProps {
  view: FindingsView;
  onChange: (view: FindingsView) => void;
}

function toggled<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list, value] : list.filter((v) => v !== value);
}

/** Order, type, status and least severity: each change is a new address, so the list can be shared and reloaded. */
export function FindingFilters({ view, onChange }: FindingFiltersProps) {
  const severityId = useId();
  const sortId = useId();
  return (
    <div className="sl-findings__filters">
      <div className="sl-findings__severity">
        <label htmlFor={sortId}>Sort by</label>
        <select
          id={sortId}
          value={view.sort ?? DEFAULT_FINDING_SORT}
          onChange={(e) => {
            const sort = FINDING_SORTS.find((s) => s === e.target.value);
            onChange({ ...view, sort: sort === DEFAULT_FINDING_SORT ? undefined : sort });
          }}
        >
          {FINDING_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {SORT_LABELS[sort]}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>Type</legend>
        {FINDING_TYPES.map((type: FindingType) => (
          <label key={type} className="sl-findings__check">
            <input
              type="checkbox"
              checked={view.types.includes(type)}
              onChange={(e) => onChange({ ...view, types: toggled(view.types, type, e.target.checked) })}
            />
            {TYPE_LABELS[type]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Status</legend>
        {FINDING_STATUSES.map((status: FindingStatus) => (
          <label key={status} className="sl-findings__check">
            <input
              type="checkbox"
              checked={view.statuses.includes(status)}
              onChange={(e) =>
                onChange({ ...view, statuses: toggled(view.statuses, status, e.target.checked) })
              }
            />
            {STATUS_LABELS[status]}
          </label>
        ))}
      </fieldset>
      <div className="sl-findings__severity">
        <label htmlFor={severityId}>Minimum severity</label>
        <select
          id={severityId}
          value={view.minSeverity ?? ''}
          onChange={(e) => {
            const value = SEVERITIES.find((s) => s === e.target.value);
            onChange({ ...view, minSeverity: value });
          }}
        >
          <option value="">Any</option>
          {SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {SEVERITY_LABELS[severity]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
