export {
  freshnessSchema,
  pipelineHealthSchema,
  type Freshness,
  type FirehosePartitionHealth,
  type KafkaHealth,
  type LoadBatch,
  type PartitionLag,
  type PipelineHealth,
  type PipelineLag,
  type PipelinePort,
  type PipelineStatus,
  type PipelineThresholds,
  type ShardHealth,
} from '@sightline/schema/api-schemas';
export { DEFAULT_THRESHOLDS, LAGGING_ABOVE_MESSAGES, pipelineStatus, STALLED_AFTER_MS } from './status';
export { STALE_AFTER_MS } from './freshness';
export { healthReader, type HealthReader, type HealthReaderDeps } from './reader';
export { prometheusText, PROMETHEUS_CONTENT_TYPE } from './prometheus';
