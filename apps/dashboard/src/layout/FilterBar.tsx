import type { FieldName } from '@sightline/schema';
import { useLayoutEffect, useRef } from 'react';
import { describeFilter } from '../state/describeFilter';
import { filterField, sameCondition, type DashboardFilter } from '../state/filters';

interface FilterBarProps {
  filters: readonly DashboardFilter[];
  labelOf: (field: FieldName) => string;
  /** The pill's filter: removed by its condition, not its place, which a change still rendering may move. */
  onRemove: (filter: DashboardFilter) => void;
  onClear: () => void;
}

/**
 * The page's filters as removable pills; every widget follows all of them. A removed pill's button
 * leaves the page, so focus moves on to the pill that took its place (or the one before it), and to
 * the bar itself once none is left: never to the page's body, where keyboard users would start over.
 */
export function FilterBar({ filters, labelOf, onRemove, onClear }: FilterBarProps) {
  const bar = useRef<HTMLElement>(null);
  /**
   * Where focus goes once the filters have changed: the pill after the removed one, else the one
   * before it (found by condition, wherever a change made meanwhile has moved them), else the bar.
   */
  const pending = useRef<{ after?: DashboardFilter; before?: DashboardFilter } | 'bar' | null>(null);
  useLayoutEffect(() => {
    const target = pending.current;
    if (target === null) return;
    pending.current = null;
    const buttons = bar.current?.querySelectorAll<HTMLButtonElement>('.sl-pill__remove') ?? [];
    const at = (filter: DashboardFilter | undefined) =>
      filter ? filters.findIndex((f) => sameCondition(f, filter)) : -1;
    const after = target === 'bar' ? -1 : at(target.after);
    const index = after >= 0 || target === 'bar' ? after : at(target.before);
    (buttons[index] ?? bar.current)?.focus();
  }, [filters]);
  return (
    <section ref={bar} tabIndex={-1} className="sl-filterbar" aria-label="Active filters">
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
                <li
                  key={`${filter.kind}:${filterField(filter) ?? ''}`}
                  className="sl-pill"
                  data-testid="filter-pill"
                >
                  <span>
                    <strong>{d.field}</strong> {d.operator} {d.value}
                  </span>
                  <button
                    type="button"
                    className="sl-pill__remove"
                    aria-label={`Remove filter: ${d.sentence}`}
                    onClick={() => {
                      pending.current = { after: filters[index + 1], before: filters[index - 1] };
                      onRemove(filter);
                    }}
                  >
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
          <button
            type="button"
            className="sl-button sl-button--quiet"
            onClick={() => {
              pending.current = 'bar';
              onClear();
            }}
          >
            Clear all filters
          </button>
        </>
      )}
    </section>
  );
}
