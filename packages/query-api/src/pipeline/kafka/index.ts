export { kafkaClientOptions, clientIdFor } from './client';
export {
  ensureTopics,
  describeTopics,
  topicSpecs,
  type TopicSpec,
  type TopicState,
  type TopicOptions,
} from './topics';
export { createKafkaPublisher, firehoseMessage, type PublisherOptions } from './publisher';
export { produceItems, type ProduceOptions, type ProduceSummary, type ProduceProgress } from './produce';
export { runSink, SINK_DEFAULTS, type SinkOptions } from './sink';
export { formatTotals, type SinkTotals } from './sink-stats';
export { DEAD_LETTER_HEADERS, type DeadLetter, type DeadLetterReason } from './dead-letter';
export { pipelineLag, type PipelineLag, type PartitionLag } from './lag';
