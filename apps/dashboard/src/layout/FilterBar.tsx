import type { FieldName } from '@sightline/query-api/schema';
import { describeFilter } from '../state/describeFilter';
import type { DashboardFilter } from '../state/filters';

interface FilterBarProps {
  filters: readonly DashboardFilter[];
  labelOf: (field: FieldName) => string;
  onRemove: (index: number) => void;
  onClear: () => void;
}

/** The page's filters as removable pills; every widget follows all of them. */
export function FilterBar({ filters, labelOf, onRemove, onClear }: FilterBarProps) {
  return (
    <section className="sl-filterbar" aria-label="Active filters">
      {filters.length === 0 ? (
        <p className="sl-filterbar__empty">
          No filters. Click a slice, legend entry or country, or brush a time range, to narrow every widget.
        </p>
      ) : (
        <>
          <ul className="sl-pills">
            {filters.map((filter, index) => {
              const d = describeFilter(filter, labelOf);
              return (
                <li key={`${filter.kind}:${filter.field}`} className="sl-pill" data-testid="filter-pill">
                  <span>
                    <strong>{d.field}</strong> {d.operator} {d.value}
                  </span>
                  <button
                    type="button"
                    className="sl-pill__remove"
                    aria-label={`Remove filter: ${d.sentence}`}
                    onClick={() => onRemove(index)}
                  >
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
          <button type="button" className="sl-button sl-button--quiet" onClick={onClear}>
            Clear all filters
          </button>
        </>
      )}
    </section>
  );
}
