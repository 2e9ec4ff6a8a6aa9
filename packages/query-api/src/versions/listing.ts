import type { Client } from '@elastic/elasticsearch';
import { fingerprintOf } from './reprocess';
import type { Fingerprint } from './fingerprint';
import { parseVersion, versionsPattern } from './names';
import { VersionRegistry } from './registry';
import { versionsInUse } from './write-alias';

export interface VersionListing {
  period: string;
  version: string;
  revision: number;
  inUse: boolean;
  /** original (the live monthly index), building, built or retired. */
  state: 'original' | 'building' | 'built' | 'retired';
  created: string | null;
  /** Computed now for versions that exist; none for retired ones. */
  fingerprint: Fingerprint | null;
}

/**
 * Every version of the periods asked for (or of every period that has a rebuild), with its state
 * and a fingerprint computed now: the version in use keeps receiving live records, so a stored
 * fingerprint would be stale.
 */
export async function listVersions(es: Client, period?: string): Promise<VersionListing[]> {
  const registry = new VersionRegistry(es);
  const records = await registry.list(period);
  const periods = period ? [period] : [...new Set(records.map((r) => r.period))].sort();
  const out: VersionListing[] = [];
  for (const p of periods) {
    const existing = (await es.cat.indices({
      index: versionsPattern(p),
      format: 'json',
      h: 'index,creation.date.string',
    })) as { index?: string; 'creation.date.string'?: string }[];
    const inUse = new Set(await versionsInUse(es, p));
    const names = new Map<string, string | null>();
    for (const i of existing)
      if (i.index && parseVersion(i.index)) names.set(i.index, i['creation.date.string'] ?? null);
    for (const r of records.filter((r) => r.period === p))
      if (!names.has(r.index)) names.set(r.index, r.created);
    for (const [version, created] of names) {
      const record = records.find((r) => r.index === version);
      const exists = existing.some((i) => i.index === version);
      const revision = parseVersion(version)!.revision;
      out.push({
        period: p,
        version,
        revision,
        inUse: inUse.has(version),
        state: !exists ? 'retired' : record ? record.state : 'original',
        created: record?.created ?? created,
        fingerprint: exists ? await fingerprintOf(es, version) : null,
      });
    }
  }
  return out.sort((a, b) => a.period.localeCompare(b.period) || a.revision - b.revision);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A version and its fingerprint for a person: a head line, then the numbers indented. */
export function formatListing(list: readonly VersionListing[]): string {
  if (list.length === 0) return 'no versions: nothing was rebuilt yet (sightline reprocess)\n';
  const lines: string[] = [];
  for (const v of list) {
    lines.push(
      `${v.period}  ${v.version}  ${v.inUse ? 'IN USE' : v.state}  created ${v.created ?? 'unknown'}`,
    );
    const f = v.fingerprint;
    if (!f) continue;
    const results = Object.entries(f.byResult)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    const countries = Object.entries(f.byCountry)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    const flags = Object.entries(f.qualityRates)
      .map(([k, r]) => `${k} ${pct(r)}`)
      .join(', ');
    lines.push(`    rows ${f.rows}; distinct users ${f.distinctUsers}`);
    lines.push(`    results: ${results || 'none'}`);
    lines.push(
      `    countries (${Object.keys(f.byCountry).length}, entropy ${f.countryEntropy.toFixed(3)} bits): ${countries || 'none'}`,
    );
    lines.push(
      `    empty: user ${pct(f.nullRates.user)}, application ${pct(f.nullRates.application)}, country ${pct(f.nullRates.country)}; application entropy ${f.applicationEntropy.toFixed(3)} bits`,
    );
    lines.push(`    quality flags: ${flags || 'none'}`);
  }
  return `${lines.join('\n')}\n`;
}
