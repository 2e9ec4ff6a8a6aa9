import type { CustomerSummary } from '@sightline/client';
import { useId } from 'react';

interface CustomerSwitcherProps {
  customers: readonly CustomerSummary[];
  value: string | undefined;
  onChange: (customer: string) => void;
}

const count = new Intl.NumberFormat('en-US');

/** For admin tokens: which customer's data the whole page shows. */
export function CustomerSwitcher({ customers, value, onChange }: CustomerSwitcherProps) {
  const id = useId();
  // A customer named by the link but without stored records is still offered, so the choice shows.
  const listed =
    value && !customers.some((c) => c.id === value) ? [{ id: value, records: 0 }, ...customers] : customers;
  return (
    <div className="sl-control">
      <label htmlFor={id}>Customer</label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(event) => event.target.value && onChange(event.target.value)}
      >
        {!value && (
          <option value="" disabled>
            Choose a customer…
          </option>
        )}
        {listed.map((c) => (
          <option key={c.id} value={c.id}>
            {c.id} ({count.format(c.records)} records)
          </option>
        ))}
      </select>
    </div>
  );
}
