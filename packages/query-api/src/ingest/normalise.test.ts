import { describe, expect, it } from 'vitest';
import { authLogRecordSchema } from '@sightline/schema';
import { generateRecords } from '../generate/records';
import { normalise, type Normalised } from './normalise';

const ingestedAt = '2026-11-20T12:00:00.000Z';
const [base] = Array.from(generateRecords({ seed: 'norm', count: 1, end: new Date('2026-11-20T00:00:00Z') }));
const canonical = structuredClone(base!);
canonical.access_device.ip = '203.0.113.9';
canonical.email = 'a@b.example';

function ok(result: Normalised) {
  if (!result.ok) throw new Error(`rejected: ${result.reason} ${result.detail}`);
  return result.record;
}
const run = (patch: (r: Record<string, unknown>) => void, customer?: string) => {
  const input = structuredClone(canonical) as unknown as Record<string, unknown>;
  patch(input);
  return normalise(input, { ingestedAt, customer });
};
const device = (r: Record<string, unknown>) => r.access_device as Record<string, unknown>;
const loc = (r: Record<string, unknown>) => device(r).location as Record<string, unknown>;

describe('normalise', () => {
  it('passes a clean canonical record through unchanged apart from ingested_at and its hash, and it validates', () => {
    const record = ok(normalise(canonical, { ingestedAt }));
    expect(record).toEqual({
      ...canonical,
      ingested_at: ingestedAt,
      content_hash: expect.stringMatching(/^[\w-]{43}$/),
      quality: [],
    });
    expect(authLogRecordSchema.safeParse(record).success).toBe(true);
  });

  it('lower-cases known results and keeps an unknown one raw, flagged', () => {
    expect(ok(run((r) => (r.result = 'SUCCESS'))).result).toBe('success');
    const odd = ok(run((r) => (r.result = 'MAYBE')));
    expect(odd.result).toBe('MAYBE');
    expect(odd.quality).toEqual(['result_unknown']);
  });

  it('strips ports from IPs and flags them; keeps unparseable addresses raw', () => {
    const v4 = ok(run((r) => (device(r).ip = '1.2.3.4:5678')));
    expect(v4.access_device.ip).toBe('1.2.3.4');
    expect(v4.quality).toEqual(['ip_with_port']);
    const v6 = ok(run((r) => (device(r).ip = '[2001:db8::7]:443')));
    expect(v6.access_device.ip).toBe('2001:db8::7');
    for (const form of ['2001:db8::7#443', '2001:db8::7p443', '2001:db8::7 port 443', '2001:db8::7.443']) {
      const duo = ok(run((r) => (device(r).ip = form)));
      expect([duo.access_device.ip, duo.quality]).toEqual(['2001:db8::7', ['ip_with_port']]);
    }
    const bad = ok(run((r) => (device(r).ip = 'localhost-ish')));
    expect(bad.access_device.ip).toBe('localhost-ish');
    expect(bad.quality).toEqual(['ip_malformed']);
    const auth = ok(run((r) => ((r.auth_device as Record<string, unknown>).ip = '300.1.1.1')));
    expect(auth.quality).toEqual(['auth_ip_malformed']);
  });

  it('derives the country code from a name and flags names it does not know', () => {
    const derived = ok(run((r) => Object.assign(loc(r), { country: 'Germany', country_code: null })));
    expect(derived.access_device.location.country_code).toBe('DE');
    const unknown = ok(run((r) => Object.assign(loc(r), { country: 'Atlantis', country_code: null })));
    expect(unknown.access_device.location.country_code).toBeNull();
    expect(unknown.access_device.location.country).toBe('Atlantis');
    expect(unknown.quality).toEqual(['country_unknown']);
    expect(ok(run((r) => Object.assign(loc(r), { country_code: 'zz' }))).quality).toEqual([
      'country_unknown',
    ]);
  });

  it('derives the code of any ISO 3166-1 country from its name, variant or code, and reads alpha-3 codes', () => {
    const code = (location: Record<string, unknown>) =>
      ok(run((r) => Object.assign(loc(r), { country_code: null, ...location }))).access_device.location;
    expect(code({ country: 'Kazakhstan' })).toMatchObject({ country: 'Kazakhstan', country_code: 'KZ' });
    expect(code({ country: 'Korea, Republic of' }).country_code).toBe('KR');
    expect(code({ country: 'United States of America' }).country_code).toBe('US');
    expect(code({ country: "Côte d'Ivoire" }).country_code).toBe('CI');
    expect(code({ country: null, country_code: 'kaz' }).country_code).toBe('KZ');
    expect(
      ok(run((r) => Object.assign(loc(r), { country: 'Kazakhstan', country_code: null }))).quality,
    ).toEqual([]);
  });

  it('keeps out-of-range coordinates raw and flags them', () => {
    const bad = ok(run((r) => (loc(r).geo = { lat: 123, lon: 10 })));
    expect(bad.access_device.location.geo).toEqual({ lat: 123, lon: 10 });
    expect(bad.quality).toEqual(['geo_out_of_range']);
    const pair = ok(run((r) => (loc(r).geo = [13.4, 52.5])));
    expect(pair.access_device.location.geo).toEqual({ lat: 52.5, lon: 13.4 });
  });

  it('flags times more than a day ahead, but not a little clock skew', () => {
    expect(ok(run((r) => (r.ts = '2026-11-25T00:00:00Z'))).quality).toEqual(['ts_in_future']);
    expect(ok(run((r) => (r.ts = '2026-11-20T18:00:00Z'))).quality).toEqual([]);
  });

  it('flags the literal "unknown" email and keeps tri-state unknown distinct from false', () => {
    const record = ok(
      run((r) => {
        r.email = 'unknown';
        device(r).is_encryption_enabled = 'unknown';
        device(r).is_firewall_enabled = 'false';
      }),
    );
    expect(record.quality).toEqual(['email_unknown']);
    expect(record.access_device.is_encryption_enabled).toBe('unknown');
    expect(record.access_device.is_firewall_enabled).toBe(false);
  });

  it('fills missing nullable fields with null and drops fields the schema does not know', () => {
    const record = ok(
      normalise(
        { txid: 't1', customer_id: 'c', ts: 1_700_000_000_000, result: 'denied', extra: 1 },
        { ingestedAt },
      ),
    );
    expect(record.reason).toBeNull();
    expect(record.access_device.location.geo).toBeNull();
    expect(record.user.groups).toBeNull();
    expect(record.event_type).toBe('authentication');
    expect(record.ts).toBe('2023-11-14T22:13:20.000Z');
    expect('extra' in record).toBe(false);
    expect(authLogRecordSchema.safeParse(record).success).toBe(true);
  });

  it.each([
    ['no txid', { customer_id: 'c', ts: '2026-01-01T00:00:00Z' }, 'no_txid'],
    ['empty txid', { txid: '', customer_id: 'c', ts: '2026-01-01T00:00:00Z' }, 'no_txid'],
    ['no time', { txid: 'x', customer_id: 'c' }, 'no_time'],
    ['bad time', { txid: 'x', customer_id: 'c', ts: 'yesterday-ish' }, 'no_time'],
    ['no tenant', { txid: 'x', ts: '2026-01-01T00:00:00Z' }, 'no_tenant'],
    // Stored, it could never be read back: the API refuses to name such a customer.
    [
      'a tenant the API refuses',
      { txid: 'x', customer_id: 'acme corp', ts: '2026-01-01T00:00:00Z' },
      'bad_tenant',
    ],
    [
      'a tenant too long',
      { txid: 'x', customer_id: 'c'.repeat(65), ts: '2026-01-01T00:00:00Z' },
      'bad_tenant',
    ],
    ['an array', [1, 2], 'not_an_object'],
  ])('rejects a record with %s', (_name, input, reason) => {
    const result = normalise(input, { ingestedAt });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe(reason);
  });

  it('rejects a record naming another tenant than --customer', () => {
    const result = run(() => undefined, 'someone-else');
    expect(!result.ok && result.reason).toBe('tenant_mismatch');
  });
});
