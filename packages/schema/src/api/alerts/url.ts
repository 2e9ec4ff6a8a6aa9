import { MAX_WEBHOOK_URL_LENGTH } from './limits';

/** Hosts plain http may go to: only this machine, for tests and development. */
function isLoopback(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  return /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Why a webhook URL is refused, in words, or null when it is fine: https anywhere, http only to
 * loopback (findings and their signatures must not cross a network in clear), no credentials (they
 * would be stored and shown back in clear; the signature authenticates Sightline instead), no fragment.
 */
export function webhookUrlProblem(raw: string): string | null {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) return `longer than ${MAX_WEBHOOK_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not an absolute URL (e.g. https://hooks.example.com/sightline)';
  }
  if (url.protocol === 'http:') {
    if (!isLoopback(url.hostname))
      return 'http is allowed only to loopback (127.0.0.1, [::1], localhost) for tests and development; use https so findings and their signatures are encrypted on the way';
  } else if (url.protocol !== 'https:') {
    return `the scheme ${url.protocol.replace(/:$/, '')} is not supported; use https`;
  }
  if (url.username || url.password)
    return 'credentials in the URL would be stored and shown in clear; the receiver checks the X-Sightline-Signature header instead';
  if (url.hash) return 'a fragment (#…) is never sent to the receiver; remove it';
  return null;
}
