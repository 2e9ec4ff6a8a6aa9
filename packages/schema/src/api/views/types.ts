/** One saved view of a customer: a name for a dashboard address. */
export interface SavedView {
  /** Derived from the customer and the name (see viewId): one view per name, even under races. */
  id: string;
  name: string;
  /** The dashboard's path and query (range, filters, columns, page), without a customer. */
  url: string;
  /** The name of the token that saved it. */
  owner: string;
  createdAt: string;
}

/** GET /api/views: every view of the customer, by name, and how many it may keep. */
export interface SavedViewList {
  views: SavedView[];
  limit: number;
}

/** POST /api/views. */
export interface NewSavedView {
  name: string;
  url: string;
}
