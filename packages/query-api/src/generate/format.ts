import { toDuoRecord } from './duo';
import { Random } from './random';
import { generateRecords, type GenerateOptions } from './records';

export const OUTPUT_FORMATS = ['canonical', 'duo'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Generated records in the chosen output shape. */
export function* generateFormatted(options: GenerateOptions, format: OutputFormat): Generator<unknown> {
  if (format === 'canonical') {
    yield* generateRecords(options);
    return;
  }
  const random = new Random(`${options.seed}:duo`);
  for (const record of generateRecords(options)) yield toDuoRecord(record, random);
}
