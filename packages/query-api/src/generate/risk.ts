import type { AuthLogRecord } from '@sightline/schema';
import type { Burst } from './bursts';

/**
 * What Duo's own risk engine would have concluded about a generated attempt, and the service an SSO
 * login led to. Derived from the record without drawing from the generator's random stream, so
 * adding them changed no other generated value.
 */

type Risk = AuthLogRecord['risk'];

/** Services behind the generated SSO applications (Duo's `application.destination_name`). */
const DESTINATIONS = ['Microsoft 365', 'Salesforce', 'GitHub Enterprise', 'Workday', 'Zoom'] as const;

/** FNV-1a: a stable small hash of a txid, standing in for a draw. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function destinationFor(applicationType: string, txid: string): string | null {
  return applicationType === 'SSO' ? DESTINATIONS[hash(txid) % DESTINATIONS.length]! : null;
}

export const NO_RISK: Risk = {
  trust_level: null,
  reason: null,
  attacks: null,
  suppressed_attacks: null,
  suppressed_reasons: null,
  access_country_code: null,
  auth_country_code: null,
  travel_velocity: null,
  passport_supported: null,
  passport_reason: null,
  trusted_session: null,
};

/** Share of normal travel attempts whose new network Duo notices but suppresses as a known address. */
const SUPPRESSED_TRAVEL = 0.2;

export interface RiskInput {
  txid: string;
  result: string;
  enrollment: boolean;
  /** Country codes of the access and of the user's auth device (home), when known. */
  accessCountry: string | null;
  homeCountry: string | null;
  travelling: boolean;
}

/**
 * Duo flags every attempt of an attack or fraud burst as a new network for the user (NOVEL_ASN),
 * and a push the user marked as fraud as USER_MARKED_FRAUD; it notices some of the normal travel
 * too, and suppresses it. Everything else carries no verdict.
 */
export function sourceRiskFor(input: RiskInput, burst: Burst | null): Risk {
  if (input.enrollment) return NO_RISK;
  if (burst) {
    const attacks = input.result === 'fraud' ? ['NOVEL_ASN', 'USER_MARKED_FRAUD'] : ['NOVEL_ASN'];
    const abroad = input.accessCountry !== null && input.homeCountry !== null;
    return {
      ...NO_RISK,
      trust_level: 'LOW',
      reason: 'Low level of trust; detection of one or more known attack patterns',
      attacks,
      access_country_code: abroad ? input.accessCountry : null,
      auth_country_code: abroad ? input.homeCountry : null,
    };
  }
  if (input.travelling && hash(input.txid) % 100 < SUPPRESSED_TRAVEL * 100) {
    return {
      ...NO_RISK,
      trust_level: 'NORMAL',
      reason: 'Known Access IP',
      suppressed_attacks: ['NOVEL_ASN'],
      suppressed_reasons: ['KNOWN_IP'],
    };
  }
  return NO_RISK;
}
