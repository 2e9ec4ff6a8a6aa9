import { createDetector, type Detector, type DetectionRecord, type Finding } from '../../detection';

/** Reads what a customer's detector saw before (the warm-up), given where the stream resumes. */
export type WarmSource = (customer: string, before: string) => Promise<DetectionRecord[]>;

/**
 * One detector per customer, each warmed from the store the first time its customer appears, so a
 * restart or a rebalance continues the same baselines and episodes instead of raising first-seen
 * findings again. `reset` forgets them all (after a rebalance another member may have moved on).
 */
export class CustomerDetectors {
  private readonly detectors = new Map<string, Detector>();

  constructor(
    private readonly warmSource: WarmSource,
    private readonly onWarmed: (customer: string, records: number) => void = () => undefined,
  ) {}

  /**
   * Feeds a batch's records, in stream order, to their customers' detectors; returns the latest
   * version of every finding they opened or updated.
   */
  async observe(records: readonly DetectionRecord[]): Promise<Finding[]> {
    await this.warmNewCustomers(records);
    const byId = new Map<string, Finding>();
    for (const record of records) {
      for (const finding of this.detectors.get(record.customer_id)!.observe(record)) {
        byId.set(finding.id, finding);
      }
    }
    return [...byId.values()];
  }

  reset(): void {
    this.detectors.clear();
  }

  get customers(): number {
    return this.detectors.size;
  }

  private async warmNewCustomers(records: readonly DetectionRecord[]): Promise<void> {
    // Each new customer warms up to its earliest record in the batch: everything from there on is
    // the stream's to deliver, and warming with it would swallow the findings it holds.
    const earliest = new Map<string, string>();
    for (const r of records) {
      if (this.detectors.has(r.customer_id)) continue;
      const seen = earliest.get(r.customer_id);
      if (seen === undefined || Date.parse(r.ts) < Date.parse(seen)) earliest.set(r.customer_id, r.ts);
    }
    for (const [customer, before] of earliest) {
      const history = await this.warmSource(customer, before);
      const detector = createDetector({ customer });
      for (const record of history) detector.warm(record);
      this.detectors.set(customer, detector);
      this.onWarmed(customer, history.length);
    }
  }
}
