import { z } from 'zod';
import { freshnessSchema, pipelineStatusSchema, sourcePauseSchema } from './pipeline-health';
import { LOAD_KINDS } from '../api/data-health/limits';

/**
 * What the data-health routes answer, declared once as zod schemas: the routes' answers, the OpenAPI
 * document and the typed client's types all come from here.
 */

const instant = z.iso.datetime({ offset: true });
const count = z.number().int().nonnegative();
const loader = z.enum(LOAD_KINDS).describe('Which loader: firehose sink, MySQL batcher, file');

export const loadCountsSchema = z
  .object({
    read: count,
    stored: count,
    duplicates: count.describe('Records whose txid was already stored (re-delivery or replay)'),
    flagged: count,
    rejected: count,
    batches: count.describe('Load-log entries (committed batches)'),
  })
  .meta({ id: 'LoadCounts' });
export type LoadCounts = z.infer<typeof loadCountsSchema>;

const hourSchema = loadCountsSchema.extend({ t: instant.describe('Start of the hour (UTC)') });
export type LoadHour = z.infer<typeof hourSchema>;

export const loadsSchema = z
  .object({
    from: instant,
    to: instant,
    bucketMs: z.number().int().positive().describe('Width of a bucket: an hour of commit time'),
    kinds: z
      .array(z.object({ kind: loader, totals: loadCountsSchema, hours: z.array(hourSchema) }))
      .describe('Per loader, every stream of it counted; hours without a batch are left out'),
    sources: z
      .array(
        z.object({ kind: loader, stream: z.string(), totals: loadCountsSchema, hours: z.array(hourSchema) }),
      )
      .describe('Per stream (source id), the most rows read first'),
    otherSources: count.describe('Streams left out of `sources` (still counted in `kinds`)'),
  })
  .meta({ id: 'DataHealthLoads' });
export type DataHealthLoads = z.infer<typeof loadsSchema>;

export const sourceHealthSchema = z
  .object({
    kind: loader,
    stream: z.string(),
    partition: z.number().int().nonnegative().nullable().describe('Firehose partition, for the sink'),
    lastBatchAt: instant,
    lastBatchAgeMs: count,
    position: z.string().describe('Where the last batch ended: offset, row id (the cursor) or line'),
    newestEventAt: instant.nullable(),
    newestEventAgeMs: count.nullable(),
    newestIngestedAt: instant.nullable(),
    newestIngestedAgeMs: count.nullable(),
    freshness: z
      .enum(['pass', 'fail'])
      .describe("The freshness check's verdict now: fail when the newest event is older than freshnessMs"),
    lag: count.nullable().describe("The partition's lag from GET /api/pipeline; null for other sources"),
    paused: sourcePauseSchema
      .nullable()
      .describe('Held by a failing quality check or an operator (see `paused`); null while it loads'),
  })
  .meta({ id: 'SourceHealth' });
export type SourceHealth = z.infer<typeof sourceHealthSchema>;

export const sourcesSchema = z
  .object({
    checkedAt: instant,
    status: pipelineStatusSchema.describe("The pipeline's status, as GET /api/pipeline says"),
    reasons: z.array(z.string()),
    freshnessMs: z.number().int().positive().describe('The freshness check’s limit'),
    lagAvailable: z.boolean(),
    lagUnavailable: z.string().optional().describe('Why the lag is unknown'),
    deadLetters: count.nullable(),
    freshness: freshnessSchema.describe('Over every customer, or the customer named'),
    sources: z
      .array(sourceHealthSchema)
      .describe('Every stream that loaded in the range or in the freshness look-back, by name'),
    paused: z
      .array(sourcePauseSchema)
      .describe(
        'Every source held now, listed in `sources` or not (one paused long ago may not have loaded in the range): resumed with `sightline quality resume`',
      ),
  })
  .meta({ id: 'DataHealthSources' });
export type DataHealthSources = z.infer<typeof sourcesSchema>;

const checkStatus = z.enum(['pass', 'warn', 'fail']);
export const qualityCheckSchema = z
  .object({
    check: z.enum([
      'zero_rows',
      'duplicates',
      'empty_dimension',
      'accepted_values',
      'freshness',
      'business_rule',
    ]),
    source: z.string().describe('A load-log stream, or customer:<id>'),
    subject: z.string(),
    severity: z.enum(['warning', 'critical']),
    policy: z.enum(['warn', 'pause']),
    kind: z.enum(['system', 'suspicious']),
    status: checkStatus.describe('Of the latest result'),
    measured: z.number(),
    threshold: z.number(),
    at: instant.describe('When the latest result was measured'),
    detail: z.string(),
    history: z
      .array(z.object({ at: instant, status: checkStatus, measured: z.number(), threshold: z.number() }))
      .describe('Results in the range, newest first (the latest included)'),
  })
  .meta({ id: 'QualityCheck' });
export type QualityCheck = z.infer<typeof qualityCheckSchema>;

export const qualitySchema = z
  .object({
    from: instant,
    to: instant,
    counts: z.object({ pass: count, warn: count, fail: count }).describe('Checks by their latest status'),
    checks: z.array(qualityCheckSchema).describe('Worst latest status first'),
    truncated: z.boolean().describe('More checks than listed: name a customer to narrow'),
  })
  .meta({ id: 'DataHealthQuality' });
export type DataHealthQuality = z.infer<typeof qualitySchema>;

const fingerprintSchema = z
  .object({
    rows: count,
    byResult: z.record(z.string(), count),
    byCountry: z.record(z.string(), count),
    nullRates: z.object({ user: z.number(), application: z.number(), country: z.number() }),
    distinctUsers: count,
    countryEntropy: z.number(),
    applicationEntropy: z.number(),
    qualityRates: z.record(z.string(), z.number()),
  })
  .meta({ id: 'Fingerprint' });

const differenceSchema = z.object({
  measure: z.string(),
  inUse: z.number(),
  candidate: z.number(),
  refuses: z.boolean().describe('Past its threshold: a switch to this version would be refused'),
  text: z.string().describe('The measure, both values, the change and its limit'),
});

export const versionsSchema = z
  .object({
    thresholds: z
      .object({
        rowCountRelative: z.number(),
        resultSharePoints: z.number(),
        countryEntropyRelative: z.number(),
        nullRateRisePoints: z.number(),
      })
      .describe("The switch's thresholds (versions/thresholds.ts)"),
    periods: z.array(
      z.object({
        period: z.string().describe('A month of event time, YYYY.MM'),
        inUse: z.string().nullable().describe('The version behind the read alias'),
        lastSwitch: z
          .object({
            at: instant,
            kind: z.enum(['switch', 'rollback']),
            from: z.string(),
            to: z.string(),
            forced: z.boolean(),
            reason: z.string().optional(),
          })
          .nullable(),
        versions: z.array(
          z.object({
            version: z.string(),
            revision: count,
            state: z.enum(['original', 'building', 'built', 'retired']),
            inUse: z.boolean(),
            created: z.string().nullable(),
            fingerprint: fingerprintSchema.nullable().describe('Computed now; null once retired'),
            differences: z
              .array(differenceSchema)
              .nullable()
              .describe("Against the version in use, by the switch's own comparison; null for that one"),
            refused: z.boolean().describe('Some difference is past its threshold'),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'DataHealthVersions' });
export type DataHealthVersions = z.infer<typeof versionsSchema>;
export type VersionPeriod = DataHealthVersions['periods'][number];
