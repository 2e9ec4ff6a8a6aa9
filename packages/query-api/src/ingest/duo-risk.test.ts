import { describe, expect, it } from 'vitest';
import { authLogRecordSchema } from '@sightline/schema';
import { duoRisk } from './duo-risk';
import { normalise } from './normalise';

/** Duo's risk blocks as its Admin API v2 writes them (shapes from published sample records). */
const assessments = {
  more_secure_auth: {
    detected_attack_detectors: ['NOVEL_ASN'],
    features_version: '3.0',
    model_version: '2022.07.19.001',
    policy_enabled: false,
    preview_mode_enabled: true,
    reason: 'Low level of trust; detection of one or more known attack patterns',
    trust_level: 'LOW',
  },
  remember_me: {
    features_version: '3.0',
    model_version: '2022.07.19.001',
    policy_enabled: false,
    reason: 'Known Access IP',
    trust_level: 'NORMAL',
  },
};
const triggered = (over: Record<string, unknown>) => ({
  country_code_access: null,
  country_code_auth: null,
  detected_occurrences: 1,
  detector: 'NOVEL_ASN',
  shadow_mode: false,
  suppressed: null,
  threshold_occurrences: 1,
  threshold_time_frame: null,
  unrealistic_travel_velocity: null,
  ...over,
});

const duo = {
  txid: '08bfd78a-7b70-4818-af15-104744ab3609',
  isotimestamp: '2024-09-10T18:57:44.444611+00:00',
  event_type: 'authentication',
  result: 'success',
  reason: 'user_approved',
  factor: 'duo_push',
  user: { name: 'narroway', key: 'DU53P00LD4D4C075WQGK', groups: [] },
  application: { key: 'DI0P00LD4DX50O2VCAVK', name: 'Acme Corp', destination_name: 'Acme Intranet' },
  access_device: {
    ip: '1.128.0.1',
    location: { city: 'Detroit', country: 'United States', state: 'Michigan' },
  },
  adaptive_trust_assessments: assessments,
  rbfs_triggered_attacks: [
    triggered({
      detector: 'UNREALISTIC_TRAVEL',
      country_code_access: 'US',
      country_code_auth: 'IN',
      unrealistic_travel_velocity: 3360,
    }),
    triggered({ detector: 'NEW_DEVICE', suppressed: 'KNOWN_IP', threshold_time_frame: 86400 }),
  ],
  passport_assessment: { is_supported: false, reason: 'absent_health_report' },
  trusted_session_info: { trusted_session_uuid: 'e31c4bb7-e991-469c-b339-f6117cb8f562' },
};
const ingestedAt = '2026-11-20T12:00:00.000Z';

describe("Duo's own risk verdicts", () => {
  it('become the risk fields and the destination of a stored, valid record', () => {
    const result = normalise(duo, { customer: 'acme', ingestedAt });
    if (!result.ok) throw new Error(result.detail);
    expect(authLogRecordSchema.safeParse(result.record).success).toBe(true);
    expect(result.record.application.destination_name).toBe('Acme Intranet');
    expect(result.record.risk).toEqual({
      trust_level: 'LOW',
      reason: 'Low level of trust; detection of one or more known attack patterns',
      attacks: ['NOVEL_ASN', 'UNREALISTIC_TRAVEL'],
      suppressed_attacks: ['NEW_DEVICE'],
      suppressed_reasons: ['KNOWN_IP'],
      access_country_code: 'US',
      auth_country_code: 'IN',
      travel_velocity: 3360,
      passport_supported: false,
      passport_reason: 'absent_health_report',
      trusted_session: 'e31c4bb7-e991-469c-b339-f6117cb8f562',
    });
    expect(result.record.quality).toEqual([]);
  });

  it('leaves every risk field null on a record that carries none, as older exports do', () => {
    const {
      adaptive_trust_assessments: _assessments,
      rbfs_triggered_attacks: _triggered,
      passport_assessment: _passport,
      trusted_session_info: _session,
      ...plain
    } = duo;
    const result = normalise(
      { ...plain, application: { name: 'Acme Corp' } },
      { customer: 'acme', ingestedAt },
    );
    if (!result.ok) throw new Error(result.detail);
    expect(Object.values(result.record.risk).every((v) => v === null)).toBe(true);
    expect(result.record.application.destination_name).toBeNull();
    // Duo writes `{}` and `null` for "nothing assessed": the same as absent.
    expect(Object.values(duoRisk({ adaptive_trust_assessments: {}, rbfs_triggered_attacks: null }))).toEqual(
      Array(11).fill(null),
    );
  });

  it('keeps the most worrying assessment: its level and its reason', () => {
    const risk = duoRisk({
      adaptive_trust_assessments: {
        more_secure_auth: { trust_level: 'NORMAL', reason: 'Known Access IP' },
        remember_me: { trust_level: 'low', reason: 'Novel Access IP' },
      },
    });
    expect(risk).toMatchObject({ trust_level: 'LOW', reason: 'Novel Access IP', attacks: null });
    // An unlisted level is kept as written (upper-cased), less worrying than LOW.
    expect(duoRisk({ adaptive_trust_assessments: { a: { trust_level: 'MEDIUM' } } }).trust_level).toBe(
      'MEDIUM',
    );
  });

  it('counts a detector as flagged unless every triggered entry for it was suppressed', () => {
    const risk = duoRisk({
      adaptive_trust_assessments: {
        more_secure_auth: { detected_attack_detectors: ['NOVEL_ASN', 'NEW_DEVICE'] },
      },
      rbfs_triggered_attacks: [
        // NOVEL_ASN: suppressed once, flagged once → flagged, and its suppression reason is not reported.
        triggered({ detector: 'NOVEL_ASN', suppressed: 'KNOWN_IP' }),
        triggered({ detector: 'novel_asn' }),
        // NEW_DEVICE: the assessment lists it, but the only triggered entry suppressed it → suppressed.
        triggered({ detector: 'NEW_DEVICE', suppressed: 'TRUSTED_DEVICE' }),
      ],
    });
    expect(risk.attacks).toEqual(['NOVEL_ASN']);
    expect(risk.suppressed_attacks).toEqual(['NEW_DEVICE']);
    expect(risk.suppressed_reasons).toEqual(['TRUSTED_DEVICE']);
  });

  it('drops blocks of the wrong shape and skips malformed entries, keeping the rest', () => {
    const risk = duoRisk({
      adaptive_trust_assessments: ['LOW'],
      rbfs_triggered_attacks: [
        'NOVEL_ASN',
        null,
        triggered({ detector: 42 }),
        triggered({ detector: '  ' }),
        triggered({ detector: 'PUSH_HARASSMENT', unrealistic_travel_velocity: 'fast' }),
        triggered({ detector: 'UNREALISTIC_TRAVEL', unrealistic_travel_velocity: -5 }),
      ],
      passport_assessment: 'unsupported',
      trusted_session_info: { trusted_session_uuid: 7 },
    });
    expect(risk).toEqual({
      trust_level: null,
      reason: null,
      attacks: ['PUSH_HARASSMENT', 'UNREALISTIC_TRAVEL'],
      suppressed_attacks: null,
      suppressed_reasons: null,
      access_country_code: null,
      auth_country_code: null,
      travel_velocity: null,
      passport_supported: null,
      passport_reason: null,
      trusted_session: null,
    });
    expect(duoRisk({ rbfs_triggered_attacks: { detector: 'NOVEL_ASN' } }).attacks).toBeNull();
  });

  it('reads a numeric velocity written as text, rounded, and keeps the fastest', () => {
    const risk = duoRisk({
      rbfs_triggered_attacks: [
        triggered({ detector: 'A', unrealistic_travel_velocity: '1200.6' }),
        triggered({ detector: 'B', unrealistic_travel_velocity: 900 }),
      ],
    });
    expect(risk.travel_velocity).toBe(1201);
  });

  it('stores risk fields a canonical record carries, converted by their kinds', () => {
    const result = normalise(
      {
        txid: 'c1',
        customer_id: 'acme',
        ts: '2026-11-20T10:00:00Z',
        result: 'fraud',
        application: { name: 'VPN', destination_name: 'Corp network' },
        risk: {
          trust_level: 'LOW',
          attacks: 'USER_MARKED_FRAUD',
          travel_velocity: '12',
          passport_supported: 'yes',
        },
      },
      { ingestedAt },
    );
    if (!result.ok) throw new Error(result.detail);
    expect(result.record.risk).toMatchObject({
      trust_level: 'LOW',
      attacks: ['USER_MARKED_FRAUD'],
      travel_velocity: 12,
      passport_supported: null,
    });
    expect(result.record.application.destination_name).toBe('Corp network');
  });
});
