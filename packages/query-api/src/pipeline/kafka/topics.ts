import { Admin, ConfigResourceTypes } from '@platformatic/kafka';
import { FIREHOSE_PARTITIONS, FIREHOSE_RETENTION_MS, type PipelineConfig } from '../config';
import { clientIdFor, kafkaClientOptions } from './client';

/** What one topic must look like; ensureTopics creates it so, describeTopics reports how it is. */
export interface TopicSpec {
  name: string;
  partitions: number;
  replicas: number;
  configs: Record<string, string>;
}

export interface TopicState {
  name: string;
  exists: boolean;
  partitions: number;
  replicas: number;
  configs: Record<string, string>;
}

export interface TopicOptions {
  /** Firehose partitions (default FIREHOSE_PARTITIONS); tests use fewer. */
  partitions?: number;
  retentionMs?: number;
}

/** Kafka's defaults would give one partition and a week of retention: every setting is explicit. */
export function topicSpecs(
  config: Pick<PipelineConfig, 'brokers' | 'firehoseTopic' | 'deadLetterTopic'>,
  brokerCount: number,
  options: TopicOptions = {},
): TopicSpec[] {
  const replicas = Math.max(1, Math.min(3, brokerCount));
  const retention = String(options.retentionMs ?? FIREHOSE_RETENTION_MS);
  // With a replica to spare, a write is acknowledged by two copies; on one broker that cannot hold.
  const minInsync = String(replicas >= 3 ? 2 : 1);
  return [
    {
      name: config.firehoseTopic,
      partitions: options.partitions ?? FIREHOSE_PARTITIONS,
      replicas,
      configs: { 'retention.ms': retention, 'cleanup.policy': 'delete', 'min.insync.replicas': minInsync },
    },
    {
      // Dead letters are read by people, slowly: keep them as long as the firehose and in one partition.
      name: config.deadLetterTopic,
      partitions: 1,
      replicas,
      configs: { 'retention.ms': retention, 'cleanup.policy': 'delete', 'min.insync.replicas': minInsync },
    },
  ];
}

function isAlreadyThere(error: unknown): boolean {
  const e = error as { findBy?: (p: string, v: unknown) => unknown } | null;
  return Boolean(e?.findBy?.('apiId', 'TOPIC_ALREADY_EXISTS'));
}

/**
 * Creates the firehose and the dead-letter topic when missing; existing topics are left as they are
 * (describeTopics shows any difference). Safe for many processes at once.
 */
export async function ensureTopics(
  config: Pick<PipelineConfig, 'brokers' | 'firehoseTopic' | 'deadLetterTopic'>,
  options: TopicOptions = {},
): Promise<TopicState[]> {
  const admin = new Admin(kafkaClientOptions(config, clientIdFor('admin')));
  try {
    const metadata = await admin.metadata({ topics: [] });
    const specs = topicSpecs(config, metadata.brokers.size, options);
    const existing = new Set(await admin.listTopics());
    for (const spec of specs) {
      if (existing.has(spec.name)) continue;
      try {
        await admin.createTopics({
          topics: [spec.name],
          partitions: spec.partitions,
          replicas: spec.replicas,
          configs: Object.entries(spec.configs).map(([name, value]) => ({ name, value })),
        });
      } catch (error) {
        if (!isAlreadyThere(error)) throw error;
      }
    }
    await untilLed(
      admin,
      specs.map((s) => s.name),
    );
    return await describe(
      admin,
      specs.map((s) => s.name),
    );
  } finally {
    await admin.close();
  }
}

export async function describeTopics(
  config: Pick<PipelineConfig, 'brokers' | 'firehoseTopic' | 'deadLetterTopic'>,
): Promise<TopicState[]> {
  const admin = new Admin(kafkaClientOptions(config, clientIdFor('admin')));
  try {
    return await describe(admin, [config.firehoseTopic, config.deadLetterTopic]);
  } finally {
    await admin.close();
  }
}

/**
 * A topic is usable once every partition has a leader: until then a send is refused
 * (LEADER_NOT_AVAILABLE), so callers get the topics back only when they can write to them.
 */
async function untilLed(admin: Admin, names: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const metadata = await admin.metadata({ topics: names, forceUpdate: true }).catch(() => null);
    const led = names.every((name) => {
      const topic = metadata?.topics.get(name);
      return (
        topic !== undefined && topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0)
      );
    });
    if (led) return;
    if (Date.now() > deadline)
      throw new Error(`topics ${names.join(', ')} have no leader after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const SHOWN_CONFIGS = ['retention.ms', 'cleanup.policy', 'min.insync.replicas'];

async function describe(admin: Admin, names: string[]): Promise<TopicState[]> {
  const existing = new Set(await admin.listTopics());
  const present = names.filter((n) => existing.has(n));
  const metadata = present.length > 0 ? await admin.metadata({ topics: present, forceUpdate: true }) : null;
  const configs =
    present.length > 0
      ? await admin.describeConfigs({
          resources: present.map((name) => ({
            resourceType: ConfigResourceTypes.TOPIC,
            resourceName: name,
            configurationKeys: SHOWN_CONFIGS,
          })),
        })
      : [];
  return names.map((name) => {
    const topic = metadata?.topics.get(name);
    const described = configs.find((c) => c.resourceName === name);
    return {
      name,
      exists: topic !== undefined,
      partitions: topic?.partitionsCount ?? 0,
      replicas: topic?.partitions[0]?.replicas.length ?? 0,
      configs: Object.fromEntries((described?.configs ?? []).map((c) => [c.name, c.value ?? ''])),
    };
  });
}
