/**
 * Every `sightline` command, one line each: a file in ./commands exporting a RegisterCommand.
 * Add yours here; main.ts registers whatever this module exports.
 */
export { registerGenerate } from './commands/generate';
export { registerIngest } from './commands/ingest';
export { registerDemo } from './commands/demo';
export { registerExport } from './commands/export';
export { registerTokens } from './commands/tokens';
export { registerReport } from './commands/report';
export { registerSource } from './commands/source';
export { registerTopics } from './commands/topics';
export { registerProduce } from './commands/produce';
export { registerConsume } from './commands/consume';
