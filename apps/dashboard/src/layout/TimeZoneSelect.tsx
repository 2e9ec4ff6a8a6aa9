import { useId, useMemo } from 'react';

interface TimeZoneSelectProps {
  value: string;
  onChange: (zone: string) => void;
}

function availableZones(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', current, ...zones])];
}

/** Every IANA zone the browser knows; buckets, axes and the log's times follow it. */
export function TimeZoneSelect({ value, onChange }: TimeZoneSelectProps) {
  const id = useId();
  // The same elements while the zone stays, so a render of the toolbar skips some 400 options.
  const options = useMemo(
    () =>
      availableZones(value).map((z) => (
        <option key={z} value={z}>
          {z.replaceAll('_', ' ')}
        </option>
      )),
    [value],
  );
  return (
    <div className="sl-control">
      <label htmlFor={id}>Time zone</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options}
      </select>
    </div>
  );
}
