import { useCustomers } from '../api/useCustomers';
import { useDashboard } from '../state/DashboardContext';
import { ErrorState } from './ErrorState';
import { NavLink } from './NavLink';
import { PageHeading } from './PageHeading';

const count = new Intl.NumberFormat('en-US');

/** In place of a page while an admin token has no customer chosen: every customer, each a link. */
export function ChooseCustomer() {
  const { state } = useDashboard();
  const customers = useCustomers();
  if (customers.kind === 'loading' || customers.kind === 'own')
    return (
      <p role="status" className="sl-muted">
        Checking which customers this token may read…
      </p>
    );
  if (customers.kind === 'failed') return <ErrorState error={customers.error} onRetry={customers.retry} />;
  return (
    <>
      <PageHeading title="Choose a customer" />
      {customers.customers.length === 0 ? (
        <p>No customer has stored records yet.</p>
      ) : (
        <>
          <p>This is an admin token: choose whose data to show. The choice stays in the link.</p>
          <ul className="sl-customer-list">
            {customers.customers.map((c) => (
              <li key={c.id}>
                <NavLink to={{ ...state, customer: c.id }}>{c.id}</NavLink>{' '}
                <span className="sl-muted">{count.format(c.records)} records</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
