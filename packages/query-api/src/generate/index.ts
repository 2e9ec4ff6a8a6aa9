export {
  generateRecords,
  generateLabelledRecords,
  type GenerateOptions,
  type GeneratedRecord,
  type LabelledRecord,
  type LabelledBurst,
} from './records';
export { toDuoRecord, type DuoAuthLog } from './duo';
export { CUSTOMER_PRESETS, CUSTOMER_PRESET_NAMES, customersFor, type CustomerPreset } from './customers';
export { CITIES, type City } from './cities';
export { Random } from './random';
export { writeNdjson } from './ndjson';
export { generateFormatted, OUTPUT_FORMATS, type OutputFormat } from './format';
export { LiveGenerator, type LiveOptions } from './live';
