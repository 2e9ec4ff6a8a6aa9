import { createMiddleware } from 'hono/factory';

/**
 * The built dashboard loads its own scripts, styles, geometry and API answers and nothing else: no
 * inline or foreign script, no other origin, no plugins, and no page may frame it. Styles allow
 * 'unsafe-inline' because the chart library renders its component CSS as <style> elements that
 * React 19 hoists into <head> (the legend's and the donut's), whose text is not known here to hash;
 * scripts stay 'self' only, so injected markup still cannot run anything. (Style attributes that
 * React and D3 set go through the CSSOM, which style-src does not govern.)
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers of every dashboard page and asset. */
export const DASHBOARD_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': DASHBOARD_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Headers of every API answer: they carry one customer's data, so no shared or browser cache may keep
 * them and no browser may guess their type; an API answer opened directly runs nothing and is never
 * framed. Set before the handler, so routes that need another Cache-Control can still override it.
 */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

export function withHeaders(headers: Readonly<Record<string, string>>) {
  return createMiddleware(async (c, next) => {
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    await next();
  });
}
