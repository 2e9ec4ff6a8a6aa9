import { readItem } from '../../ingest/read-item';
import type { RejectFile } from '../../ingest/rejects';
import type { SourceItem } from '../../ingest/source';
import type { FirehosePublisher, FirehoseRecord } from '../firehose';

export interface ProduceOptions {
  items: AsyncIterable<SourceItem> | Iterable<SourceItem>;
  publisher: FirehosePublisher;
  rejects: RejectFile;
  /** Tenant for records that carry none (Duo exports); a record naming another is rejected. */
  customer?: string | undefined;
  /** The source header: `produce/<file name>`. */
  source: string;
  /** Records per send. */
  batchSize?: number;
  onProgress?: (progress: ProduceProgress) => void;
}

export interface ProduceProgress {
  read: number;
  published: number;
  rejected: number;
}

export interface ProduceSummary extends ProduceProgress {
  rejectsFile: string | null;
  seconds: number;
}

/**
 * Validates each record with ingest's normaliser (so the firehose carries only records the sink can
 * store) and publishes it exactly as received, keyed by its customer. Unusable records go to the
 * reject file with their line numbers, as ingest does.
 */
export async function produceItems(options: ProduceOptions): Promise<ProduceSummary> {
  const started = process.hrtime.bigint();
  const batchSize = options.batchSize ?? 1000;
  const { rejects, publisher } = options;
  // Normalising only validates here: the sink stamps its own ingest time.
  const ingestedAt = new Date().toISOString();
  let read = 0;
  let published = 0;
  let batch: FirehoseRecord[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const sending = batch;
    batch = [];
    await publisher.publish(sending);
    published += sending.length;
    options.onProgress?.({ read, published, rejected: rejects.count });
  };

  for await (const item of options.items) {
    read += 1;
    const usable = await readItem(item, { customer: options.customer, ingestedAt }, rejects);
    if (usable === null) continue;
    batch.push({
      customer: usable.record.customer_id,
      value: typeof usable.raw === 'string' ? usable.raw : usable.raw(),
      source: options.source,
      position: String(item.line),
    });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return {
    read,
    published,
    rejected: rejects.count,
    rejectsFile: rejects.count > 0 ? rejects.path : null,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
