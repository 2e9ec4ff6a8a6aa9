import type { RegisterCommand } from './command';

/**
 * Every `sightline` command by name, one line each: a file in ./commands exporting a
 * RegisterCommand. Add yours here. Each is loaded only when asked for, so a long-running command
 * (the sink, the batcher) does not carry the server, the generator or the MySQL driver: a third of
 * its start-up time and resident memory before this (bench/results/pipeline.md).
 */
export const COMMANDS: Record<string, () => Promise<RegisterCommand>> = {
  generate: async () => (await import('./commands/generate')).registerGenerate,
  ingest: async () => (await import('./commands/ingest')).registerIngest,
  demo: async () => (await import('./commands/demo')).registerDemo,
  export: async () => (await import('./commands/export')).registerExport,
  tokens: async () => (await import('./commands/tokens')).registerTokens,
  report: async () => (await import('./commands/report')).registerReport,
  source: async () => (await import('./commands/source')).registerSource,
  topics: async () => (await import('./commands/topics')).registerTopics,
  produce: async () => (await import('./commands/produce')).registerProduce,
  consume: async () => (await import('./commands/consume')).registerConsume,
  quality: async () => (await import('./commands/quality')).registerQuality,
  detect: async () => (await import('./commands/detect')).registerDetect,
  archive: async () => (await import('./commands/archive')).registerArchive,
  reprocess: async () => (await import('./commands/versions')).registerReprocess,
  versions: async () => (await import('./commands/versions')).registerVersions,
  switch: async () => (await import('./commands/versions')).registerSwitch,
  rollback: async () => (await import('./commands/versions')).registerRollback,
  retire: async () => (await import('./commands/versions')).registerRetire,
  summarise: async () => (await import('./commands/summarise')).registerSummarise,
  alerts: async () => (await import('./commands/alerts')).registerAlerts,
};
