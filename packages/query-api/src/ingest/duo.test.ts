import { describe, expect, it } from 'vitest';
import { authLogRecordSchema } from '@sightline/schema';
import { authlogsOf, isDuoRecord } from './duo';
import { normalise } from './normalise';

/** A record as Duo's Admin API v2 returns it (from the public API documentation's example). */
const duo = {
  access_device: {
    browser: 'Chrome',
    browser_version: '67.0.3396.99',
    flash_version: 'uninstalled',
    hostname: null,
    ip: '169.232.89.219:50312',
    is_encryption_enabled: 'unknown',
    is_firewall_enabled: true,
    is_password_set: false,
    java_version: 'uninstalled',
    location: { city: 'Ann Arbor', country: 'United States', state: 'Michigan' },
    os: 'Mac OS X',
    os_version: '10.14.1',
    security_agents: 'unknown',
  },
  alias: '',
  application: { key: 'DIY231J8BR23QK4UKBY8', name: 'Microsoft Azure Active Directory' },
  auth_device: {
    ip: '192.168.225.254',
    location: { city: 'Ann Arbor', country: 'United States', state: 'Michigan' },
    name: 'My iPhone X (734-555-2342)',
  },
  email: '',
  event_type: 'authentication',
  factor: 'duo_push',
  isotimestamp: '2020-02-13T18:56:20.351346+00:00',
  ood_software: null,
  reason: 'user_approved',
  result: 'SUCCESS',
  timestamp: 1581620180,
  trusted_endpoint_status: 'not trusted',
  txid: '340a23e3-23f3-4855-9b9e-cd9fc4bb2d3b',
  user: { groups: ['Duo Users', 'CorpHQ Users'], key: 'DU3KC77WJ06Y5HIV7XKQ', name: 'narroway@example.com' },
};
const ingestedAt = '2026-11-20T12:00:00.000Z';

describe('Duo v2 records', () => {
  it('maps onto the canonical record: tenant from --customer, geo from the city, results lower-cased', () => {
    const result = normalise(duo, { customer: 'acme', ingestedAt });
    if (!result.ok) throw new Error(result.detail);
    const r = result.record;
    expect(authLogRecordSchema.safeParse(r).success).toBe(true);
    expect(r).toMatchObject({
      txid: duo.txid,
      customer_id: 'acme',
      ts: '2020-02-13T18:56:20.351Z',
      result: 'success',
      reason: 'user_approved',
      factor: 'duo_push',
      email: null,
      alias: null,
      user: {
        name: 'narroway@example.com',
        key: 'DU3KC77WJ06Y5HIV7XKQ',
        groups: ['Duo Users', 'CorpHQ Users'],
      },
      application: { name: 'Microsoft Azure Active Directory', key: 'DIY231J8BR23QK4UKBY8', type: null },
      access_device: {
        ip: '169.232.89.219',
        ip_reputation: { is_malicious: null, is_vpn: null, is_tor: null },
        location: {
          city: 'Ann Arbor',
          state: 'Michigan',
          country: 'United States',
          country_code: 'US',
          geo: { lat: 42.2808, lon: -83.743 },
        },
        is_encryption_enabled: 'unknown',
        is_firewall_enabled: true,
        is_password_set: false,
      },
      auth_device: {
        name: 'My iPhone X (734-555-2342)',
        ip: '192.168.225.254',
        location: { country_code: 'US' },
      },
      quality: ['ip_with_port'],
    });
  });

  it('reads the time from `timestamp` in seconds when isotimestamp is absent', () => {
    const { isotimestamp: _iso, ...noIso } = duo;
    const result = normalise(noIso, { customer: 'acme', ingestedAt });
    expect(result.ok && result.record.ts).toBe('2020-02-13T18:56:20.000Z');
  });

  it('needs a tenant: without --customer the record is rejected, saying so', () => {
    const result = normalise(duo, { ingestedAt });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.detail).toMatch(/--customer/);
  });

  it('recognises Duo records and API responses in both saved shapes', () => {
    expect(isDuoRecord(duo)).toBe(true);
    expect(isDuoRecord({ txid: 'x', ts: '2020-01-01T00:00:00Z' })).toBe(false);
    expect(authlogsOf({ response: { authlogs: [duo], metadata: { total_objects: 1 } }, stat: 'OK' })).toEqual(
      [duo],
    );
    expect(authlogsOf({ authlogs: [duo] })).toEqual([duo]);
    expect(authlogsOf({ txid: 'x' })).toBeNull();
  });
});
