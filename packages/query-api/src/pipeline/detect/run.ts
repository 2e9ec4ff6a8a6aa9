import type { Client } from '@elastic/elasticsearch';
import { EsAlertOutbox } from '../../alerts/outbox';
import { EsWebhookSettings } from '../../alerts/settings-store';
import type { DetectionRecord } from '../../detection';
import { removeLegacyVolumeFindings } from '../../findings/legacy-volume';
import { EsFindingStore, FindingRefusedError } from '../../findings/store';
import type { PipelineConfig } from '../config';
import { runGroupMember, type KafkaMessage, type KafkaStream } from '../kafka/group-member';
import { commit, lastPerPartition } from '../kafka/offsets';
import { describeError, retryPausingFetch, StoppedError } from '../kafka/retry';
import { readMessage } from '../kafka/sink-batch';
import { CustomerDetectors } from './detectors';
import { readWarmRecords, WARM_MAX_RECORDS } from './warm';

export interface DetectOptions {
  config: Pick<PipelineConfig, 'brokers' | 'firehoseTopic' | 'detectorGroup'>;
  es: Client;
  /** Where findings go (default: the sightline-findings indices). */
  store?: EsFindingStore;
  /** Where deliveries to customers' webhooks are recorded (default: the sightline-alert-* indices). */
  alerts?: EsAlertOutbox;
  /** Aborting stops fetching, finishes or drops the batch in hand, leaves the group. */
  signal: AbortSignal;
  batchMessages?: number;
  lingerMs?: number;
  /** Most records read per customer to warm its detector (see WARM_MAX_RECORDS). */
  warmRecords?: number;
  /** The index warm-ups read (default: the auth log's read alias). */
  warmIndex?: string;
  sessionTimeoutMs?: number;
  /** A progress line every this many batches, and after every batch that wrote findings. */
  progressEvery?: number;
  log: (line: string) => void;
}

export interface DetectTotals {
  batches: number;
  read: number;
  /** Unusable records: the indexer dead-letters them, detection passes over them. */
  skipped: number;
  /** Findings written (a finding updated in several batches counts each time). */
  findings: number;
  /** Webhook deliveries recorded for the deliverer (new ones only: a replay records none). */
  alerts: number;
}

/**
 * Small batches that do not wait long to fill: detection is about seconds, and a batch's cost is the
 * detectors' (microseconds a record) and one bulk request of the findings it produced.
 */
export const DETECT_DEFAULTS = {
  batchMessages: 2000,
  lingerMs: 100,
  sessionTimeoutMs: 30_000,
  progressEvery: 100,
} as const;

/**
 * The detector: a member of the detector group on the firehose. Per batch: read the records as the
 * indexer does, feed each to its customer's detector (warmed from Elasticsearch on first sight),
 * upsert the findings by id, and only then commit the offsets. A redelivered batch yields the same
 * findings with the same ids, so it updates them and never duplicates. On start it removes the
 * per-window volume findings of before incidents (findings/legacy-volume.ts).
 */
export async function runDetect(options: DetectOptions): Promise<DetectTotals> {
  const o = { ...DETECT_DEFAULTS, warmRecords: WARM_MAX_RECORDS, ...options };
  const { signal, log, es } = o;
  const store = o.store ?? new EsFindingStore(es);
  const alerts = o.alerts ?? new EsAlertOutbox(es, new EsWebhookSettings(es));
  const totals: DetectTotals = { batches: 0, read: 0, skipped: 0, findings: 0, alerts: 0 };
  const detectors = new CustomerDetectors(
    (customer, before) =>
      readWarmRecords(es, {
        customer,
        before,
        maxRecords: o.warmRecords,
        ...(o.warmIndex ? { index: o.warmIndex } : {}),
      }),
    (customer, records) => log(`detect: warmed ${customer} with ${records} records`),
  );
  let stream: KafkaStream | null = null;
  let rebalanced = false;

  /** Runs `work` until it succeeds, pausing the fetch meanwhile; throws StoppedError when told to stop. */
  const retrying = <T>(what: string, work: () => Promise<T>): Promise<T> =>
    retryPausingFetch(
      {
        name: 'detect',
        log,
        signal,
        stream: () => stream,
        isFatal: (error) => error instanceof FindingRefusedError,
      },
      what,
      work,
    );

  const batch = async (messages: KafkaMessage[]) => {
    if (rebalanced) {
      // Partitions may have moved: a customer this member gets back has to be warmed from what the
      // others stored meanwhile.
      detectors.reset();
      rebalanced = false;
    }
    const ingestedAt = new Date().toISOString();
    const records: DetectionRecord[] = [];
    for (const message of messages) {
      const read = readMessage(message, ingestedAt);
      if (read.ok) records.push(read.record);
      else totals.skipped += 1;
    }
    const findings = await retrying('Elasticsearch (warm-up)', () => detectors.observe(records));
    await retrying('Elasticsearch (findings)', () => store.upsert(findings, new Date().toISOString()));
    // The outbox before the offsets: a finding to alert on is recorded durably, or the batch comes again.
    const alerted = await retrying('Elasticsearch (alert outbox)', () =>
      alerts.enqueue(findings, new Date().toISOString()),
    );
    try {
      await Promise.all(lastPerPartition(messages).map((m) => commit(m)));
    } catch (error) {
      // Stored but not committed: the batch comes again and updates the same findings.
      log(`detect: commit failed (${describeError(error)}); the batch will be redelivered`);
      return;
    }
    totals.batches += 1;
    totals.read += messages.length;
    totals.findings += findings.length;
    totals.alerts += alerted;
    if (findings.length > 0 || totals.batches % o.progressEvery === 0 || totals.batches === 1) {
      log(
        `detect: ${totals.batches} batches, ${totals.read} records (${totals.skipped} unusable), ${totals.findings} findings written, ${detectors.customers} customers`,
      );
    }
  };

  try {
    await retrying('Elasticsearch (findings indices)', () => store.ensureIndices());
    let removed = 0;
    await retrying('Elasticsearch (per-window volume findings)', () =>
      removeLegacyVolumeFindings(es, store.indices.findings, (n) => (removed += n)),
    );
    log(`detect: removed ${removed} per-window volume findings superseded by incident findings`);
    await runGroupMember({
      name: 'detect',
      config: o.config,
      group: o.config.detectorGroup,
      sessionTimeoutMs: o.sessionTimeoutMs,
      maxWaitTime: 500,
      highWaterMark: o.batchMessages,
      reader: { maxMessages: o.batchMessages, lingerMs: o.lingerMs },
      signal,
      log,
      isFatal: (error) => error instanceof FindingRefusedError,
      onStream: (current) => (stream = current),
      // Partitions may have moved: see batch.
      onJoin: () => (rebalanced = true),
      batch,
      progress: () => totals.read,
    });
  } catch (error) {
    if (!(error instanceof StoppedError)) throw error;
  }
  log(
    `detect: stopped after ${totals.batches} batches, ${totals.read} records, ${totals.findings} findings written`,
  );
  return totals;
}
