import { describeFilter } from '../state/describeFilter';
import { filterField, removeFilter } from '../state/filters';
import { useDashboard } from '../state/DashboardContext';
import { PRESET_LABELS } from '../state/timeRange';
import { formatInstant } from '../state/zonedTime';

interface EmptyStateProps {
  /** What there is none of ("attempts", "failures"). */
  noun: string;
}

/** Says which filters (or which time range) left nothing to show, with a way out of each. */
export function EmptyState({ noun }: EmptyStateProps) {
  const { state, update, labelOf } = useDashboard();
  const when =
    'last' in state.time
      ? PRESET_LABELS[state.time.last].toLowerCase()
      : `from ${formatInstant(new Date(state.time.from), state.timeZone)} to ${formatInstant(new Date(state.time.to), state.timeZone)}`;

  if (state.filters.length === 0) {
    return (
      <div className="sl-state" data-empty="time">
        <p>
          No {noun} in the {when.startsWith('from') ? `range ${when}` : when}.
        </p>
        {!('last' in state.time && state.time.last === '30d') && (
          <button
            type="button"
            className="sl-button sl-button--quiet"
            onClick={() => update((s) => ({ ...s, time: { last: '30d' } }))}
          >
            Show the last 30 days
          </button>
        )}
      </div>
    );
  }
  const newest = state.filters[state.filters.length - 1]!;
  return (
    <div className="sl-state" data-empty="filters">
      <p>
        No {noun} match{state.filters.length === 1 ? ' the filter' : ' these filters'} in the{' '}
        {when.startsWith('from') ? `range ${when}` : when}
        {state.filters.length > 1 && (
          <>
            ; the last one added was <strong>{describeFilter(newest, labelOf).sentence}</strong>
          </>
        )}
        .
      </p>
      <div className="sl-state__actions">
        {state.filters.map((filter) => {
          const text = describeFilter(filter, labelOf).sentence;
          return (
            <button
              key={`${filter.kind}:${filterField(filter) ?? ''}`}
              type="button"
              className="sl-button sl-button--quiet"
              onClick={() => update((s) => ({ ...s, filters: removeFilter(s.filters, filter) }))}
            >
              Remove “{text}”
            </button>
          );
        })}
      </div>
    </div>
  );
}
