import { MAX_VIEW_URL_LENGTH } from '@sightline/client';

/** The dashboard's parameter for the customer an admin reads (urlState). */
const CUSTOMER_PARAM = 'customer';

/**
 * What a saved view holds: the page's path and query without the customer, which the view belongs to
 * (an admin opening it reads the customer chosen then). Undefined with the reason when the address is
 * longer than the API keeps.
 */
export function viewAddress(
  pathname: string,
  search: string,
): { url: string; problem?: undefined } | { url?: undefined; problem: string } {
  const params = new URLSearchParams(search);
  params.delete(CUSTOMER_PARAM);
  const query = params.toString();
  const url = pathname + (query ? `?${query}` : '');
  if (url.length > MAX_VIEW_URL_LENGTH)
    return {
      problem: `This view’s address is ${url.length.toLocaleString('en-US')} characters long; a saved view keeps at most ${MAX_VIEW_URL_LENGTH.toLocaleString('en-US')}. Remove some filters to save it.`,
    };
  return { url };
}

/** The address that opens a saved view: its own, for the customer the page is showing (admin tokens). */
export function viewHref(url: string, customer: string | undefined): string {
  if (!customer) return url;
  const at = url.indexOf('?');
  const path = at === -1 ? url : url.slice(0, at);
  const params = new URLSearchParams(at === -1 ? '' : url.slice(at + 1));
  params.delete(CUSTOMER_PARAM);
  // The customer first, as urlState writes it.
  const query = new URLSearchParams([[CUSTOMER_PARAM, customer], ...params]).toString();
  return `${path}?${query}`;
}
