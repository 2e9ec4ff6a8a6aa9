import type { Client } from '@elastic/elasticsearch';
import type { PipelineConfig } from '../pipeline/config';
import { recordLoad } from '../pipeline/load-log';
import { READ_ALIAS } from '../store/mapping';
import { compareFingerprints, type Difference } from './diff';
import { FirehoseReader, partitionsOf } from './firehose-reader';
import { parseVersion, periodRange, writeAliasOf } from './names';
import { differenceLines, VersionRegistry, type SwitchRecord } from './registry';
import { fingerprintOf } from './reprocess';
import { replayInto, type ReplayRange } from './replay-into';
import { SWITCH_THRESHOLDS, type SwitchThresholds } from './thresholds';
import { ensureWritable, versionsInUse } from './write-alias';

export interface SwitchOptions {
  es: Client;
  config: Pick<PipelineConfig, 'brokers' | 'firehoseTopic'>;
  period: string;
  to: string;
  force?: boolean;
  /** Required with force: kept in the switch history. */
  reason?: string;
  thresholds?: SwitchThresholds;
}

export interface SwitchOutcome {
  outcome: 'switched' | 'refused';
  from: string;
  to: string;
  differences: Difference[];
}

/** Something about the request itself is wrong (unknown version, wrong period, nothing in use…). */
export class VersionRequestError extends Error {
  override name = 'VersionRequestError';
}

async function inUseOf(es: Client, period: string): Promise<string> {
  const inUse = await versionsInUse(es, period);
  if (inUse.length === 0)
    throw new VersionRequestError(`no version of ${period} is in use (the read alias holds none)`);
  if (inUse.length > 1) {
    throw new VersionRequestError(
      `several versions of ${period} are behind the read alias: ${inUse.join(', ')}`,
    );
  }
  return inUse[0]!;
}

async function checkTarget(es: Client, registry: VersionRegistry, period: string, to: string): Promise<void> {
  const name = parseVersion(to);
  if (!name) throw new VersionRequestError(`"${to}" is not a version name (see sightline versions)`);
  if (name.period !== period)
    throw new VersionRequestError(`${to} is a version of ${name.period}, not of ${period}`);
  if (!(await es.indices.exists({ index: to })))
    throw new VersionRequestError(`${to} does not exist (retired?)`);
  const record = await registry.get(to);
  if (record && record.state !== 'built') {
    throw new VersionRequestError(
      `${to} is ${record.state}: run sightline reprocess for ${period} again to complete it`,
    );
  }
}

/**
 * Replays into `index` the period's records published from `from` on (per partition; a partition
 * not named from its start): what live writers sent to another version meanwhile. Returns where it
 * stopped.
 */
async function catchUp(
  o: Pick<SwitchOptions, 'es' | 'config' | 'period'>,
  index: string,
  from: Record<string, string>,
): Promise<Record<string, string>> {
  const partitions = await partitionsOf(o.config, o.config.firehoseTopic);
  const ranges: ReplayRange[] = partitions.map((partition) => ({
    partition,
    from: BigInt(from[partition] ?? '0'),
    to: 'end',
  }));
  const reader = new FirehoseReader(o.config, o.config.firehoseTopic);
  try {
    const now = new Date().toISOString();
    const totals = await replayInto({
      es: o.es,
      reader,
      index,
      period: o.period,
      ranges,
      ingestedAt: () => now,
    });
    return { ...from, ...totals.ends };
  } finally {
    await reader.close();
  }
}

/**
 * Moves the read alias and the period's write alias from one version to another in one `_aliases`
 * request: readers see one version or the other, never both or neither, and live writes go on into
 * whichever is in use. Records written to the old version in the meantime are caught up from the
 * firehose before and after the move.
 */
async function move(
  o: Pick<SwitchOptions, 'es' | 'config' | 'period'>,
  from: string,
  to: string,
  catchUpFrom: Record<string, string>,
): Promise<Record<string, string>> {
  const write = writeAliasOf(o.period);
  await o.es.indices.updateAliases({
    actions: [
      { remove: { index: from, alias: READ_ALIAS } },
      { remove: { index: from, alias: write } },
      { add: { index: to, alias: READ_ALIAS } },
      { add: { index: to, alias: write, is_write_index: true } },
    ],
  });
  const ends = await catchUp(o, to, catchUpFrom);
  await o.es.indices.refresh({ index: to });
  // Anything derived from the raw log over this period (summaries, cached reports) must be recomputed.
  const { from: eventFrom, to: eventTo } = periodRange(o.period);
  await recordLoad(o.es, {
    '@timestamp': new Date().toISOString(),
    loader: 'version',
    stream: `versions/${o.period}`,
    from,
    to,
    event_from: eventFrom,
    event_to: new Date(Date.parse(eventTo) - 1).toISOString(),
    read: 0,
    stored: 0,
    duplicates: 0,
    flagged: 0,
    rejected: 0,
    duration_ms: 0,
  });
  return ends;
}

/**
 * Switches a period to a rebuilt version when its fingerprint agrees with the version in use within
 * the thresholds; otherwise refuses, naming each difference, unless forced with a reason. Every
 * outcome is kept in the switch history.
 */
export async function switchVersion(o: SwitchOptions): Promise<SwitchOutcome> {
  const registry = new VersionRegistry(o.es);
  if (o.force && !o.reason?.trim()) throw new VersionRequestError('--force needs --reason <why>');
  await checkTarget(o.es, registry, o.period, o.to);
  const from = await inUseOf(o.es, o.period);
  if (from === o.to) throw new VersionRequestError(`${o.to} is already in use for ${o.period}`);
  await ensureWritable(o.es, o.period);
  // Records the version in use received since the rebuild read the load log.
  const built = await registry.get(o.to);
  const handover = await catchUp(o, o.to, built?.recorded_end ?? {});
  await o.es.indices.refresh({ index: [from, o.to] });
  const [current, candidate] = await Promise.all([fingerprintOf(o.es, from), fingerprintOf(o.es, o.to)]);
  const differences = compareFingerprints(current, candidate, o.thresholds ?? SWITCH_THRESHOLDS);
  const refused = differences.some((d) => d.refuses);
  const base: Omit<SwitchRecord, 'outcome'> = {
    at: new Date().toISOString(),
    period: o.period,
    kind: 'switch',
    from,
    to: o.to,
    forced: refused && o.force === true,
    ...(o.reason ? { reason: o.reason } : {}),
    differences: differenceLines(differences),
    handover,
  };
  if (refused && !o.force) {
    await registry.recordSwitch({ ...base, outcome: 'refused' });
    return { outcome: 'refused', from, to: o.to, differences };
  }
  await move(o, from, o.to, handover);
  await registry.recordSwitch({ ...base, outcome: 'switched' });
  return { outcome: 'switched', from, to: o.to, differences };
}

/**
 * Moves a period back to the version in use before its last switch. That version missed what live
 * writers sent since the switch: it is caught up from the firehose from the switch's handover point.
 */
export async function rollbackVersion(
  o: Pick<SwitchOptions, 'es' | 'config' | 'period'>,
): Promise<{ from: string; to: string }> {
  const registry = new VersionRegistry(o.es);
  const from = await inUseOf(o.es, o.period);
  const last = (await registry.switches(o.period)).find((s) => s.to === from);
  if (!last)
    throw new VersionRequestError(
      `${from} was not switched to: there is nothing to roll ${o.period} back to`,
    );
  if (!(await o.es.indices.exists({ index: last.from }))) {
    throw new VersionRequestError(`the previous version ${last.from} was retired: nothing to roll back to`);
  }
  await ensureWritable(o.es, o.period);
  const handover = await catchUp(o, last.from, last.handover ?? {});
  await move(o, from, last.from, handover);
  await registry.recordSwitch({
    at: new Date().toISOString(),
    period: o.period,
    kind: 'rollback',
    outcome: 'switched',
    from,
    to: last.from,
    forced: false,
    differences: [],
    handover,
  });
  return { from, to: last.from };
}

/** Deletes a version that is not in use. The version in use is refused, whatever is asked. */
export async function retireVersion(es: Client, version: string): Promise<void> {
  const name = parseVersion(version);
  if (!name) throw new VersionRequestError(`"${version}" is not a version name (see sightline versions)`);
  if (!(await es.indices.exists({ index: version })))
    throw new VersionRequestError(`${version} does not exist`);
  const aliases = await es.indices.getAlias({ index: version });
  const held = Object.keys(aliases[version]?.aliases ?? {});
  if (held.includes(READ_ALIAS) || held.includes(writeAliasOf(name.period))) {
    throw new VersionRequestError(`${version} is in use for ${name.period}: switch to another version first`);
  }
  await es.indices.delete({ index: version });
  const registry = new VersionRegistry(es);
  const record = await registry.get(version);
  if (record) await registry.put({ ...record, state: 'retired', retired_at: new Date().toISOString() });
}
