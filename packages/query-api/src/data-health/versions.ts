import type { Client } from '@elastic/elasticsearch';
import { compareFingerprints } from '../versions/diff';
import { listVersions, type VersionListing } from '../versions/listing';
import { parsePeriod, periodOf } from '../versions/names';
import { VersionRegistry, type SwitchRecord } from '../versions/registry';
import { SWITCH_THRESHOLDS, type SwitchThresholds } from '../versions/thresholds';
import { MAX_VERSION_PERIODS } from '@sightline/schema/api';
import type { HealthRange } from './params';
import type { DataHealthVersions, VersionPeriod } from '@sightline/schema/api-schemas';

/** The months of event time a range touches, in order. */
export function periodsOf(range: HealthRange): string[] {
  const out: string[] = [];
  const last = periodOf(range.to.getTime() - 1);
  for (let d = new Date(range.from); ; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
    out.push(periodOf(d));
    if (out.at(-1)! >= last) return out;
  }
}

/**
 * One period's versions as the switch would judge them: each version's fingerprint compared with
 * the one in use by the switch's own comparison and thresholds. Pure.
 */
export function periodHealth(
  period: string,
  listing: readonly VersionListing[],
  lastSwitch: SwitchRecord | null,
  thresholds: SwitchThresholds = SWITCH_THRESHOLDS,
): VersionPeriod {
  const inUse = listing.find((v) => v.inUse) ?? null;
  return {
    period,
    inUse: inUse?.version ?? null,
    lastSwitch: lastSwitch
      ? {
          at: new Date(lastSwitch.at).toISOString(),
          kind: lastSwitch.kind,
          from: lastSwitch.from,
          to: lastSwitch.to,
          forced: lastSwitch.forced,
          ...(lastSwitch.reason ? { reason: lastSwitch.reason } : {}),
        }
      : null,
    versions: listing.map((v) => {
      const differences =
        v === inUse || !v.fingerprint || !inUse?.fingerprint
          ? null
          : compareFingerprints(inUse.fingerprint, v.fingerprint, thresholds);
      return {
        version: v.version,
        revision: v.revision,
        state: v.state,
        inUse: v.inUse,
        created: v.created,
        fingerprint: v.fingerprint,
        differences,
        refused: differences?.some((d) => d.refuses) ?? false,
      };
    }),
  };
}

/**
 * The versions of one period, or of the range's months and every month with a rebuild (the
 * newest MAX_VERSION_PERIODS), each listed as `sightline versions` lists it.
 */
export async function readVersions(
  es: Client,
  range: HealthRange,
  period?: string,
): Promise<DataHealthVersions> {
  const registry = new VersionRegistry(es);
  let periods: string[];
  if (period !== undefined) periods = [parsePeriod(period)!];
  else {
    const rebuilt = (await registry.list()).filter((r) => r.state !== 'retired').map((r) => r.period);
    periods = [...new Set([...periodsOf(range), ...rebuilt])].sort().slice(-MAX_VERSION_PERIODS);
  }
  const out: VersionPeriod[] = [];
  for (const p of periods) {
    const listing = await listVersions(es, p);
    if (listing.length === 0) continue;
    const last = (await registry.switches(p))[0] ?? null;
    out.push(periodHealth(p, listing, last));
  }
  return { thresholds: { ...SWITCH_THRESHOLDS }, periods: out.reverse() };
}
