import { useId } from 'react';
import { REFRESH_LABELS, REFRESH_OPTIONS, type RefreshInterval } from '../state/refresh';

interface RefreshPickerProps {
  value: RefreshInterval;
  onChange: (value: RefreshInterval) => void;
  /** True while any widget is fetching, so the control can say so. */
  fetching: boolean;
}

export function RefreshPicker({ value, onChange, fetching }: RefreshPickerProps) {
  const id = useId();
  return (
    <div className="sl-control">
      <label htmlFor={id}>Auto-refresh</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as RefreshInterval)}>
        {REFRESH_OPTIONS.map((o) => (
          <option key={o} value={o}>
            {REFRESH_LABELS[o]}
          </option>
        ))}
      </select>
      {/* Live refetches every 5 s: announcing each would drown out everything else. */}
      <span className="sl-refresh-status" role="status" aria-live="polite">
        {fetching && value !== 'live' ? 'Updating…' : ''}
      </span>
    </div>
  );
}
