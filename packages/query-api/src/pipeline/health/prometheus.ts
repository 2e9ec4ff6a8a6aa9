import type { PipelineHealth } from '@sightline/schema/api-schemas';

/** Prometheus text exposition format, version 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type Labels = Record<string, string | number>;
interface Metric {
  name: string;
  help: string;
  type: 'gauge';
  samples: { labels?: Labels; value: number }[];
}

const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function labelText(labels: Labels | undefined): string {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escape(String(v))}"`).join(',')}}`;
}

const seconds = (ms: number) => ms / 1000;

/** The figures of GET /api/pipeline as gauges, for a Prometheus scrape. */
export function prometheusText(health: PipelineHealth): string {
  const { kafka, freshness } = health;
  const metrics: Metric[] = [
    {
      name: 'sightline_pipeline_status',
      help: 'The pipeline status: 1 for the current one of ok, lagging, stalled',
      type: 'gauge',
      samples: (['ok', 'lagging', 'stalled'] as const).map((s) => ({
        labels: { status: s },
        value: health.status === s ? 1 : 0,
      })),
    },
    {
      name: 'sightline_kafka_available',
      help: 'Whether the API could read the indexer group from Kafka',
      type: 'gauge',
      samples: [{ value: kafka.available ? 1 : 0 }],
    },
  ];
  if (kafka.available) {
    const group = { topic: kafka.topic, group: kafka.group };
    metrics.push(
      {
        name: 'sightline_consumer_lag',
        help: 'Messages the indexer group has yet to store, per partition',
        type: 'gauge',
        samples: kafka.partitions.map((p) => ({
          labels: { ...group, partition: p.partition },
          value: p.lag,
        })),
      },
      {
        name: 'sightline_consumer_lag_total',
        help: 'Messages the indexer group has yet to store, over every partition',
        type: 'gauge',
        samples: [{ labels: group, value: kafka.totalLag }],
      },
      {
        name: 'sightline_dead_letters',
        help: 'Records in the dead-letter topic',
        type: 'gauge',
        samples: [{ labels: { topic: kafka.deadLetterTopic }, value: kafka.deadLetters }],
      },
    );
  }
  const batches = [...health.shards, ...health.firehose].map((s) => s.lastBatch);
  metrics.push(
    {
      name: 'sightline_last_batch_age_seconds',
      help: 'Seconds since the last batch committed on each shard and firehose partition stream',
      type: 'gauge',
      samples: batches.map((b) => ({
        labels: { stream: b.stream, loader: b.loader },
        value: seconds(b.ageMs),
      })),
    },
    {
      name: 'sightline_shard_cursor',
      help: 'The last row id the batcher published, per shard',
      type: 'gauge',
      samples: health.shards
        .filter((s) => /^\d+$/.test(s.cursor))
        .map((s) => ({ labels: { shard: s.shard }, value: Number(s.cursor) })),
    },
  );
  const ages = [
    [
      'sightline_newest_event_age_seconds',
      'Seconds since the newest stored event time (ts)',
      freshness.newestEventAgeMs,
    ],
    [
      'sightline_newest_ingested_age_seconds',
      'Seconds since the newest stored ingestion time (ingested_at)',
      freshness.newestIngestedAgeMs,
    ],
  ] as const;
  for (const [name, help, ms] of ages)
    if (ms !== null) metrics.push({ name, help, type: 'gauge', samples: [{ value: seconds(ms) }] });

  return metrics
    .filter((m) => m.samples.length > 0)
    .map(
      (m) =>
        `# HELP ${m.name} ${m.help}\n# TYPE ${m.name} ${m.type}\n` +
        m.samples.map((s) => `${m.name}${labelText(s.labels)} ${s.value}`).join('\n'),
    )
    .join('\n')
    .concat('\n');
}
