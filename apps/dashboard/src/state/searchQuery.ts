import { budgetProblems, filterCost } from '@sightline/schema/reports';
import { toApiFilter } from './apiFilter';
import { setSearch, setText, setValues, valueProblem, type DashboardFilter } from './filters';

/**
 * What the log's search box can look in: any searchable field (user name, email, application,
 * hostname), a name or application (contains), or an address.
 */
export const SEARCH_SCOPES = {
  any: 'User, email, application or hostname contains',
  'user.name': 'User name contains',
  'application.name': 'Application contains',
  'access_device.ip': 'IP address or CIDR block',
} as const;
export type SearchScope = keyof typeof SEARCH_SCOPES;

export function isSearchScope(value: string): value is SearchScope {
  return Object.hasOwn(SEARCH_SCOPES, value);
}

/**
 * Why `text` is not an address or CIDR block the API accepts, naming the part at fault where it
 * can (the prefix length, the address before the slash); the API's own check decides in the end.
 */
export function addressProblem(text: string): string | undefined {
  const slash = text.indexOf('/');
  if (slash !== -1) {
    const address = text.slice(0, slash);
    const bits = text.slice(slash + 1);
    const v6 = address.includes(':');
    const max = v6 ? 128 : 32;
    if (!/^\d{1,3}$/.test(bits)) return `"/${bits}" is not a prefix length: write one from /0 to /${max}`;
    if (Number(bits) > max)
      return `/${bits} is longer than an ${v6 ? 'IPv6' : 'IPv4'} address: a prefix is at most /${max}`;
    if (valueProblem('access_device.ip', address))
      return `"${address}" before the slash is not an IP address`;
  }
  const problem = valueProblem('access_device.ip', text);
  return problem ? `"${text}" is not an IP address or CIDR block (${problem})` : undefined;
}

/**
 * Why the API would refuse these filters' searches (too many, too long), in its own words; the
 * budget is the API's, so the page never sends what every widget would get a 400 for.
 */
export function searchBudgetProblem(filters: readonly DashboardFilter[]): string | undefined {
  const tree = toApiFilter(filters);
  return tree ? budgetProblems(filterCost(tree))[0] : undefined;
}

/** The filters with a search applied (one pill per scope, replaced), or why the text cannot be. */
export function applySearch(
  filters: readonly DashboardFilter[],
  scope: SearchScope,
  text: string,
): { filters: DashboardFilter[] } | { problem: string } {
  const trimmed = text.trim();
  if (scope !== 'access_device.ip') {
    const next = scope === 'any' ? setText(filters, trimmed) : setSearch(filters, scope, trimmed);
    const problem = searchBudgetProblem(next);
    return problem ? { problem: `Cannot search this as well: ${problem}.` } : { filters: next };
  }
  if (trimmed === '') return { filters: setValues(filters, 'is', scope, []) };
  const problem = addressProblem(trimmed);
  return problem ? { problem } : { filters: setValues(filters, 'is', scope, [trimmed]) };
}
