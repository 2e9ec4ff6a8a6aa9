/**
 * The firehose contract shared by every producer (the MySQL batcher, `sightline produce`) and every
 * consumer group (the Elasticsearch sink, detection).
 *
 * A message's key is the customer id, so one customer's events land on one partition, in order.
 * Its value is the record exactly as the source wrote it (canonical or Duo v2 JSON, fields the
 * schema does not know included): consumers normalise, so a replay with a newer normaliser can
 * extract what an older one ignored.
 */

/** Header naming where a record came from: `mysql/<shard>`, `produce/<file name>`. */
export const SOURCE_HEADER = 'sightline-source';
/** Header with the record's position at its source (a shard row id), for the load log. */
export const POSITION_HEADER = 'sightline-position';

export interface FirehoseRecord {
  /** The tenant: the message key. */
  customer: string;
  /** The record as received, one JSON object. */
  value: string;
  source: string;
  position?: string;
}

/**
 * Publishes to the firehose. `publish` resolves only after the brokers acknowledged every record of
 * the call (acks from all in-sync replicas); a caller stores its cursor only after that.
 */
export interface FirehosePublisher {
  publish(records: readonly FirehoseRecord[]): Promise<void>;
  close(): Promise<void>;
}
