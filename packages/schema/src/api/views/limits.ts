/**
 * Limits of saved views, shared by the API (which enforces them) and the dashboard (which says them
 * before the API has to): browser-safe, no imports.
 */

/** Saved views a customer may keep: enough for every team's favourites, few enough to list at once. */
export const MAX_VIEWS_PER_CUSTOMER = 100;
/** Characters of a view's name, after trimming. */
export const MAX_VIEW_NAME_LENGTH = 80;
/**
 * Characters of a view's dashboard address (path and query). The dashboard's own links stay far below
 * this (a hundred filter values of a few dozen characters); browsers and proxies accept about 8,000.
 */
export const MAX_VIEW_URL_LENGTH = 4_000;
