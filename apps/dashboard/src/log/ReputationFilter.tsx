import type { FilterableField } from '@sightline/schema';
import { useId } from 'react';
import { useDashboard } from '../state/DashboardContext';
import { selectedValues, setValues } from '../state/filters';

const FLAGS = [
  ['access_device.ip_reputation.is_malicious', 'Malicious'],
  ['access_device.ip_reputation.is_vpn', 'VPN'],
  ['access_device.ip_reputation.is_tor', 'Tor'],
] as const satisfies readonly (readonly [FilterableField, string])[];

/** Each reputation flag as any / yes / no. */
export function ReputationFilter() {
  const id = useId();
  const { state, update } = useDashboard();
  return (
    <fieldset className="sl-facet">
      <legend>IP reputation</legend>
      {FLAGS.map(([field, label]) => {
        const current = selectedValues(state.filters, 'is', field);
        const value = current.length === 1 ? current[0]! : 'any';
        return (
          <div key={field} className="sl-reputation">
            <label htmlFor={`${id}-${field}`}>{label}</label>
            <select
              id={`${id}-${field}`}
              value={value}
              onChange={(e) =>
                update((s) => ({
                  ...s,
                  filters: setValues(
                    s.filters,
                    'is',
                    field,
                    e.target.value === 'any' ? [] : [e.target.value],
                  ),
                }))
              }
            >
              <option value="any">Any</option>
              <option value="true">Yes</option>
              <option value="false">No</option>
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}
