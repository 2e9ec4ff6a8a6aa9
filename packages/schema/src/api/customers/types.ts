/** The list stops here: a switcher cannot offer more, and an endless walk would hold the request. */
export const MAX_CUSTOMERS = 10_000;

export interface CustomerSummary {
  id: string;
  /** Stored records of the customer, every event type. */
  records: number;
}

/** GET /api/customers (admin tokens): every customer with stored records, by id. */
export interface CustomerList {
  customers: CustomerSummary[];
  /** True when there are more than MAX_CUSTOMERS and the list stops there. */
  truncated: boolean;
}
