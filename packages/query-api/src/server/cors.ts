/** The dashboard's Vite dev server and Storybook, which call the API from another origin while developing. */
export const DEV_ORIGINS = [
  'http://localhost:5173',
  'http://127.0.0.1:5173',
  'http://localhost:6006',
  'http://127.0.0.1:6006',
];

/**
 * Origins allowed to call the API from a browser: SIGHTLINE_CORS_ORIGINS (comma-separated; empty
 * allows none) when set; otherwise the development origins, except with NODE_ENV=production, where
 * the dashboard is served by the API itself from the same origin and needs no CORS at all.
 */
export function corsOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const explicit = env.SIGHTLINE_CORS_ORIGINS;
  if (explicit !== undefined)
    return explicit
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return env.NODE_ENV === 'production' ? [] : DEV_ORIGINS;
}
