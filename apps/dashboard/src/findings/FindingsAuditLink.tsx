import { useCustomers } from '../api/useCustomers';
import { NavLink } from '../layout/NavLink';
import { useDashboard } from '../state/DashboardContext';

/**
 * Links to the findings audit, for admin tokens only (the API keeps the audit from customer tokens):
 * the whole audit, or one finding's history.
 */
export function FindingsAuditLink({ finding, className }: { finding?: string; className?: string }) {
  const customers = useCustomers();
  const { state } = useDashboard();
  if (customers.kind !== 'admin') return null;
  const to = { ...state, route: 'findingsAudit' as const, auditFilter: finding ? { finding } : {} };
  return finding ? (
    <NavLink to={to} className={className} label="History: who changed this finding’s status">
      History
    </NavLink>
  ) : (
    <NavLink to={to} className={className}>
      Findings audit
    </NavLink>
  );
}
