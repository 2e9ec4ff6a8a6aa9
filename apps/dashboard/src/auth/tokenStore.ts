/**
 * The customer token lives in sessionStorage: it survives a reload of the tab but not closing it,
 * and is never shared with other tabs or written to disk by us.
 */
const KEY = 'sightline.token';

export function readToken(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function writeToken(token: string): void {
  try {
    window.sessionStorage.setItem(KEY, token);
  } catch {
    // Storage can be disabled; the session then lasts as long as the page.
  }
}

export function clearToken(): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // Nothing stored, nothing to clear.
  }
}
