const MIN = 60_000;
/** Fixed-length query API intervals in ms; calendar months are left to inference. */
const lengths: Record<string, number> = {
  '1m': MIN,
  '5m': 5 * MIN,
  '15m': 15 * MIN,
  '30m': 30 * MIN,
  '1h': 60 * MIN,
  '3h': 180 * MIN,
  '12h': 720 * MIN,
  '1d': 1440 * MIN,
  '1w': 10080 * MIN,
};

/** Bucket length in ms for an interval name, or undefined when it has no fixed length. */
export function intervalMs(interval: string): number | undefined {
  return lengths[interval];
}
