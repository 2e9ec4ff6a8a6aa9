import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  authLogRecordSchema,
  fieldCatalog,
  getPath,
  setPath,
  type AuthLogRecord,
  type FieldValue,
  type GroupableField,
} from '@sightline/schema';
import { indexForTimestamp } from './mapping';
import { indexTemplate } from '../ingest/template';

const record: AuthLogRecord = {
  txid: '5c1a0f3e-8f1b-4c8a-9a57-1f1e2d3c4b5a',
  seq: 42,
  customer_id: 'acme',
  ts: '2026-11-20T10:15:00.000Z',
  ingested_at: '2026-11-20T10:16:00.000Z',
  event_type: 'authentication',
  result: 'denied',
  reason: 'invalid_passcode',
  factor: 'sms_passcode',
  user: { name: 'alice', key: 'DU123', groups: ['Engineering'] },
  email: 'alice@acme.test',
  alias: null,
  application: { name: 'VPN', key: 'DI1', type: 'SSO', destination_name: 'Microsoft 365' },
  access_device: {
    ip: '203.0.113.7',
    ip_reputation: { is_malicious: false, is_vpn: true, is_tor: false },
    location: {
      city: 'Berlin',
      state: 'Berlin',
      country: 'Germany',
      country_code: 'DE',
      geo: { lat: 52.52, lon: 13.4 },
    },
    browser: 'Chrome',
    browser_version: '131.0',
    os: 'Mac OS X',
    os_version: '15.1',
    hostname: null,
    is_encryption_enabled: 'unknown',
    is_firewall_enabled: true,
    is_password_set: false,
  },
  auth_device: {
    name: 'My iPhone',
    ip: '198.51.100.2',
    location: { city: null, state: null, country: null, country_code: null, geo: null },
  },
  trusted_endpoint_status: 'not trusted',
  risk: {
    trust_level: 'LOW',
    reason: 'Novel Access IP',
    attacks: ['NOVEL_ASN'],
    suppressed_attacks: null,
    suppressed_reasons: null,
    access_country_code: 'DE',
    auth_country_code: 'US',
    travel_velocity: 3360,
    passport_supported: false,
    passport_reason: 'absent_health_report',
    trusted_session: null,
  },
  content_hash: null,
  quality: [],
};

describe('the auth log schema', () => {
  it('types the nested record from the dotted field table', () => {
    // Open list: an unknown raw result is stored as-is and flagged `result_unknown`.
    expectTypeOf<FieldValue<'result'>>().toEqualTypeOf<
      'success' | 'denied' | 'failure' | 'error' | 'fraud' | (string & {})
    >();
    expectTypeOf<FieldValue<'reason'>>().toEqualTypeOf<string | null>();
    expectTypeOf<FieldValue<'quality'>>().toEqualTypeOf<
      (
        | 'ip_with_port'
        | 'ip_malformed'
        | 'auth_ip_malformed'
        | 'ts_in_future'
        | 'result_unknown'
        | 'event_type_unknown'
        | 'country_unknown'
        | 'geo_out_of_range'
        | 'email_unknown'
      )[]
    >();
    expectTypeOf<'result'>().toExtend<GroupableField>();
    expectTypeOf<'txid'>().not.toExtend<GroupableField>();
    expectTypeOf<AuthLogRecord['access_device']['is_encryption_enabled']>().toEqualTypeOf<
      boolean | 'unknown' | null
    >();
    expectTypeOf<AuthLogRecord['user']['groups']>().toEqualTypeOf<string[] | null>();
  });

  it('accepts a canonical record and rejects wrong shapes with the path named', () => {
    expect(authLogRecordSchema.safeParse(record).success).toBe(true);
    const bad = authLogRecordSchema.safeParse({ ...record, result: 42, extra: 1 });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.') || i.code);
    expect(paths).toContain('result');
    // Unknown results are stored raw (flagged by ingest), so any string passes the open list.
    expect(authLogRecordSchema.safeParse({ ...record, result: 'SUCCESS_LEGACY' }).success).toBe(true);
    expect(bad.error!.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
  });

  it('keeps "unknown" distinct from false in tri-state fields', () => {
    const parsed = authLogRecordSchema.parse(record);
    expect(parsed.access_device.is_encryption_enabled).toBe('unknown');
    expect(parsed.access_device.is_password_set).toBe(false);
  });

  it('derives Elasticsearch types for every field, nested as Elasticsearch expects', () => {
    const props = indexTemplate().template.mappings.properties;
    const at = (path: string) => getPath(props, path.split('.').join('.properties.'));
    expect(at('txid')).toMatchObject({ type: 'keyword' });
    expect(at('ts')).toMatchObject({ type: 'date' });
    expect(at('access_device.ip')).toMatchObject({ type: 'ip', ignore_malformed: true });
    expect(at('access_device.location.geo')).toMatchObject({ type: 'geo_point' });
    expect(at('access_device.ip_reputation.is_tor')).toMatchObject({ type: 'boolean' });
    expect(at('access_device.is_password_set')).toMatchObject({ type: 'keyword' });
    expect(getPath(at('user.name'), 'fields.lower')).toMatchObject({ normalizer: 'sightline_lowercase' });
  });

  it('routes a record to its month of event time, whatever time it is ingested', () => {
    expect(indexForTimestamp('2026-11-30T23:59:59Z')).toBe('sightline-authlog-v1-2026.11');
    expect(indexForTimestamp('2026-12-01T00:00:00Z')).toBe('sightline-authlog-v1-2026.12');
  });

  it('publishes a catalog that marks what each field allows', () => {
    const byName = new Map(fieldCatalog().map((f) => [f.name, f]));
    expect(byName.get('result')).toMatchObject({
      groupable: true,
      filterable: true,
      values: ['success', 'denied', 'failure', 'error', 'fraud'],
      openValues: true,
    });
    expect(byName.get('quality')?.openValues).toBeUndefined();
    expect(byName.get('customer_id')).toMatchObject({ filterable: false, groupable: false });
    expect(byName.get('access_device.location.geo')).toMatchObject({ filterable: false, sortable: false });
    expect(byName.get('ts')?.sortable).toBe(true);
  });

  it('says which fields hold several values, which reports count once per value', () => {
    const multi = fieldCatalog()
      .filter((f) => f.multiValued)
      .map((f) => f.name);
    expect(multi).toEqual([
      'user.groups',
      'risk.attacks',
      'risk.suppressed_attacks',
      'risk.suppressed_reasons',
      'quality',
    ]);
  });

  it('reads and writes dotted paths', () => {
    const target: Record<string, unknown> = {};
    setPath(target, 'a.b.c', 1);
    expect(target).toEqual({ a: { b: { c: 1 } } });
    expect(getPath(record, 'access_device.location.country_code')).toBe('DE');
    expect(getPath(record, 'auth_device.missing.deeper')).toBeUndefined();
  });
});
