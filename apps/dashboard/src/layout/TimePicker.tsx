import { useId, useState, type FormEvent } from 'react';
import { fixedRange, PRESET_LABELS, resolveTime, TIME_PRESETS, type TimeSelection } from '../state/timeRange';
import { formatInstant, fromZonedInput, toZonedInput } from '../state/zonedTime';

interface TimePickerProps {
  time: TimeSelection;
  timeZone: string;
  onChange: (time: TimeSelection) => void;
}

const CUSTOM = 'custom';

/** Presets in a select; "Custom…" opens two wall-clock inputs read in the page's time zone. */
export function TimePicker({ time, timeZone, onChange }: TimePickerProps) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const isCustom = !('last' in time);
  const selectValue = editing || isCustom ? CUSTOM : time.last;

  return (
    <div className="sl-timepicker">
      <label htmlFor={`${id}-range`}>Time range</label>
      <select
        id={`${id}-range`}
        value={selectValue}
        onChange={(e) => {
          const value = e.target.value;
          if (value === CUSTOM) return setEditing(true);
          setEditing(false);
          onChange({ last: value as (typeof TIME_PRESETS)[number] });
        }}
      >
        {TIME_PRESETS.map((p) => (
          <option key={p} value={p}>
            {PRESET_LABELS[p]}
          </option>
        ))}
        <option value={CUSTOM}>Custom…</option>
      </select>
      {isCustom && !editing && (
        <button type="button" className="sl-button sl-button--quiet" onClick={() => setEditing(true)}>
          {formatInstant(new Date(time.from), timeZone)} – {formatInstant(new Date(time.to), timeZone)}
          <span className="sl-visually-hidden"> (edit custom range)</span>
        </button>
      )}
      {editing && (
        <CustomRangeForm
          time={time}
          timeZone={timeZone}
          onCancel={() => setEditing(false)}
          onApply={(next) => {
            setEditing(false);
            onChange(next);
          }}
        />
      )}
    </div>
  );
}

interface CustomRangeFormProps {
  time: TimeSelection;
  timeZone: string;
  onApply: (time: TimeSelection) => void;
  onCancel: () => void;
}

function CustomRangeForm({ time, timeZone, onApply, onCancel }: CustomRangeFormProps) {
  const id = useId();
  const resolved = resolveTime(time);
  const [from, setFrom] = useState(() => toZonedInput(resolved.from, timeZone));
  const [to, setTo] = useState(() => toZonedInput(resolved.to, timeZone));
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const start = fromZonedInput(from, timeZone);
    const end = fromZonedInput(to, timeZone);
    const range = start && end ? fixedRange(start, end) : undefined;
    if (!range) return setError('Enter both times, with the start before the end.');
    onApply(range);
  };

  return (
    <form className="sl-custom-range" onSubmit={submit} aria-describedby={error ? `${id}-error` : undefined}>
      <label htmlFor={`${id}-from`}>From</label>
      <input
        id={`${id}-from`}
        type="datetime-local"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        required
        autoFocus
      />
      <label htmlFor={`${id}-to`}>To</label>
      <input
        id={`${id}-to`}
        type="datetime-local"
        value={to}
        onChange={(e) => setTo(e.target.value)}
        required
      />
      <button type="submit" className="sl-button">
        Apply
      </button>
      <button type="button" className="sl-button sl-button--quiet" onClick={onCancel}>
        Cancel
      </button>
      {error && (
        <p id={`${id}-error`} role="alert" className="sl-field-error">
          {error}
        </p>
      )}
    </form>
  );
}
