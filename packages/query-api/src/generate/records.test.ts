import { describe, expect, it } from 'vitest';
import { CITIES } from './cities';
import { CUSTOMER_PRESETS } from './customers';
import { generateRecords, type GeneratedRecord } from './records';
import { authLogRecordSchema } from '@sightline/schema';

const end = new Date('2026-11-20T00:00:00Z');
const take = (seed: string | number, count: number, days = 30) =>
  Array.from(generateRecords({ seed, count, days, end }));

const records = take('props', 60_000);
const share = (pred: (r: GeneratedRecord) => boolean, of: readonly GeneratedRecord[] = records) =>
  of.filter(pred).length / of.length;

/** The reasons each result may carry: reason must always be consistent with result. */
const REASONS: Record<string, RegExp> = {
  success:
    /^(user_approved|valid_passcode|remembered_device|trusted_network|bypass_user|allow_unenrolled_user)$/,
  denied:
    /^(no_response|invalid_passcode|user_cancelled|locked_out|deny_unenrolled_user|no_keys_pressed|anomalous_push|location_restricted|no_disk_encryption|no_firewall|platform_restricted|software_restricted|version_restricted|endpoint_is_not_trusted|invalid_device|user_disabled|denied_by_policy|could_not_determine_if_endpoint_was_trusted|factor_restricted)$/,
  fraud: /^user_marked_fraud$/,
  error: /^error$/,
  failure: /^(call_timed_out|no_activated_duo_mobile_account|queue_limit_reached)$/,
};

describe('generateRecords', () => {
  it('is deterministic: same seed and end give identical records, another seed other txids', () => {
    const a = take(7, 2000);
    expect(take(7, 2000)).toEqual(a);
    const other = new Set(take(8, 2000).map((r) => r.txid));
    expect(a.some((r) => other.has(r.txid))).toBe(false);
  });

  it('yields exactly count records with unique txids, in time order, inside the period', () => {
    expect(records).toHaveLength(60_000);
    expect(new Set(records.map((r) => r.txid)).size).toBe(60_000);
    const start = end.getTime() - 30 * 86_400_000;
    let previous = start;
    const outOfOrder = records.filter((r) => {
      const t = Date.parse(r.ts);
      const bad = t < previous || t >= end.getTime();
      previous = t;
      return bad;
    });
    expect(outOfOrder).toEqual([]);
    expect(records.every((r, i) => r.seq === i + 1)).toBe(true);
  });

  it('streams without materialising: a million-record generator starts at once', () => {
    const it = generateRecords({ seed: 1, count: 1_000_000, end });
    expect(it.next().value?.seq).toBe(1);
  });

  it('produces records the stored schema accepts once ingest stamps them', () => {
    for (const r of records.slice(0, 500)) {
      const parsed = authLogRecordSchema.safeParse({ ...r, ingested_at: end.toISOString() });
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });

  it('splits traffic over customers of very different sizes', () => {
    const ids = CUSTOMER_PRESETS.default.map((c) => c.id);
    const shares = ids.map((id) => share((r) => r.customer_id === id));
    expect(shares[0]).toBeGreaterThan(0.5);
    expect(shares[0]).toBeLessThan(0.7);
    expect(shares[1]).toBeGreaterThan(0.15);
    for (const small of shares.slice(2)) expect(small).toBeLessThan(0.1);
    expect(Math.min(...shares)).toBeGreaterThan(0.005);
  });

  it('mostly succeeds by push, with a long tail of reasons always consistent with the result', () => {
    expect(share((r) => r.result === 'success')).toBeGreaterThan(0.8);
    const successes = records.filter((r) => r.result === 'success' && r.event_type === 'authentication');
    expect(share((r) => r.factor === 'duo_push', successes)).toBeGreaterThan(0.45);
    const inconsistent = records
      .filter((r) =>
        r.event_type === 'enrollment' ? r.reason !== null : !REASONS[r.result]!.test(r.reason ?? ''),
      )
      .map((r) => `${r.event_type}/${r.result}/${r.reason}`);
    expect(inconsistent).toEqual([]);
    const denied = new Set(records.filter((r) => r.result === 'denied').map((r) => r.reason));
    expect(denied.size).toBeGreaterThanOrEqual(12);
    for (const result of ['fraud', 'error', 'failure'] as const) {
      expect(records.some((r) => r.result === result)).toBe(true);
    }
  });

  it('has about 2% enrollments, without a reason', () => {
    const enrollments = share((r) => r.event_type === 'enrollment');
    expect(enrollments).toBeGreaterThan(0.01);
    expect(enrollments).toBeLessThan(0.03);
  });

  it('follows the working day and the working week', () => {
    const acme = records.filter((r) => r.customer_id === 'acme');
    // Acme is mostly in the Americas: local business hours are about 14:00–23:00 UTC.
    const hour = (r: GeneratedRecord) => new Date(r.ts).getUTCHours();
    const day = share((r) => hour(r) >= 14 && hour(r) < 23, acme);
    const night = share((r) => hour(r) >= 5 && hour(r) < 11, acme);
    expect(day).toBeGreaterThan(3 * night);
    const weekend = (r: GeneratedRecord) =>
      [0, 6].includes(new Date(Date.parse(r.ts) - 5 * 3_600_000).getUTCDay());
    // Weekends are 2/7 of the days but well under that share of traffic.
    expect(share(weekend, acme)).toBeLessThan(0.16);
  });

  it('concentrates fraud and malicious traffic in short bursts per customer', () => {
    const fraud = records.filter((r) => r.result === 'fraud' && r.customer_id === 'acme');
    const hours = new Map<string, number>();
    for (const r of fraud) hours.set(r.ts.slice(0, 13), (hours.get(r.ts.slice(0, 13)) ?? 0) + 1);
    const top = [...hours.values()].sort((a, b) => b - a).slice(0, 12);
    // Most fraud lands in a dozen hours out of 720.
    expect(top.reduce((a, b) => a + b, 0) / fraud.length).toBeGreaterThan(0.6);
    const malicious = records.filter((r) => r.access_device.ip_reputation.is_malicious);
    expect(malicious.length).toBeGreaterThan(100);
    expect(records.some((r) => r.access_device.ip_reputation.is_tor)).toBe(true);
  });

  it('comes from a few countries, at real city coordinates', () => {
    const byCountry = new Map<string, number>();
    for (const r of records) {
      const code = r.access_device.location.country_code;
      if (code) byCountry.set(code, (byCountry.get(code) ?? 0) + 1);
    }
    const top3 = [...byCountry.values()].sort((a, b) => b - a).slice(0, 3);
    expect(top3.reduce((a, b) => a + b, 0) / records.length).toBeGreaterThan(0.6);
    const known = new Set(CITIES.map((c) => `${c.city}|${c.lat}|${c.lon}|${c.countryCode}`));
    for (const r of records.slice(0, 2000)) {
      const l = r.access_device.location;
      if (l.city === null) continue;
      expect(known.has(`${l.city}|${l.geo?.lat}|${l.geo?.lon}|${l.country_code}`)).toBe(true);
    }
  });

  it('includes the messy values real exports contain', () => {
    expect(records.some((r) => /^\d+\.\d+\.\d+\.\d+:\d+$/.test(r.access_device.ip ?? ''))).toBe(true);
    expect(records.some((r) => /^\[[0-9a-f:]+\]:\d+$/.test(r.access_device.ip ?? ''))).toBe(true);
    expect(records.some((r) => r.access_device.is_encryption_enabled === 'unknown')).toBe(true);
    expect(records.some((r) => r.access_device.location.country === null)).toBe(true);
    expect(records.some((r) => r.email === 'unknown')).toBe(true);
    expect(share((r) => r.email === 'unknown')).toBeLessThan(0.02);
  });

  it('gives users groups and applications types', () => {
    expect(records.every((r) => (r.user.groups ?? []).length > 0)).toBe(true);
    const types = new Set(records.map((r) => r.application.type));
    for (const t of ['SSO', 'RDP', 'Web SDK']) expect(types.has(t)).toBe(true);
  });
});
