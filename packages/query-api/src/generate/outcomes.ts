import type { User } from './population';
import type { Random } from './random';
import { Weighted } from './random';

/** What happened in one attempt: result, reason and factor, always consistent with each other. */
export interface Outcome {
  readonly result: 'success' | 'denied' | 'failure' | 'error' | 'fraud';
  readonly reason: string;
  readonly factor: string;
}

type Entry = readonly [Outcome, number];
const o = (result: Outcome['result'], reason: string, factor: string): Outcome => ({
  result,
  reason,
  factor,
});

/** The factor a successful attempt used decides its reason, as in Duo's logs. */
const SUCCESS: readonly Entry[] = [
  [o('success', 'user_approved', 'duo_push'), 62],
  [o('success', 'remembered_device', 'remembered_device'), 10],
  [o('success', 'valid_passcode', 'sms_passcode'), 5],
  [o('success', 'user_approved', 'webauthn'), 4],
  [o('success', 'user_approved', 'phone_call'), 3],
  [o('success', 'valid_passcode', 'passcode'), 3],
  [o('success', 'trusted_network', 'trusted_network'), 3],
  [o('success', 'valid_passcode', 'hardware_token'), 2],
  [o('success', 'user_approved', 'u2f_token'), 1],
  [o('success', 'bypass_user', 'bypass_code'), 0.5],
  [o('success', 'allow_unenrolled_user', 'not_available'), 0.5],
];

const SUCCESS_PASSCODE: readonly Entry[] = [
  [o('success', 'valid_passcode', 'hardware_token'), 6],
  [o('success', 'valid_passcode', 'passcode'), 3],
  [o('success', 'remembered_device', 'remembered_device'), 1],
];

/** A long tail of denial reasons, each with the factor it comes from. */
const DENIED: readonly Entry[] = [
  [o('denied', 'no_response', 'duo_push'), 30],
  [o('denied', 'invalid_passcode', 'sms_passcode'), 10],
  [o('denied', 'invalid_passcode', 'passcode'), 7],
  [o('denied', 'invalid_passcode', 'hardware_token'), 5],
  [o('denied', 'user_cancelled', 'duo_push'), 10],
  [o('denied', 'locked_out', 'not_available'), 6],
  [o('denied', 'deny_unenrolled_user', 'not_available'), 5],
  [o('denied', 'no_keys_pressed', 'phone_call'), 4],
  [o('denied', 'anomalous_push', 'duo_push'), 3],
  [o('denied', 'location_restricted', 'not_available'), 3],
  [o('denied', 'no_disk_encryption', 'not_available'), 2],
  [o('denied', 'no_firewall', 'not_available'), 1.5],
  [o('denied', 'platform_restricted', 'not_available'), 1.5],
  [o('denied', 'software_restricted', 'not_available'), 1],
  [o('denied', 'version_restricted', 'not_available'), 1],
  [o('denied', 'endpoint_is_not_trusted', 'not_available'), 1],
  [o('denied', 'invalid_device', 'duo_push'), 1],
  [o('denied', 'user_disabled', 'not_available'), 1],
  [o('denied', 'denied_by_policy', 'not_available'), 1],
  [o('denied', 'could_not_determine_if_endpoint_was_trusted', 'not_available'), 0.5],
  [o('denied', 'factor_restricted', 'sms_passcode'), 0.3],
];

const FAILURE: readonly Entry[] = [
  [o('failure', 'call_timed_out', 'phone_call'), 3],
  [o('failure', 'no_activated_duo_mobile_account', 'duo_push'), 2],
  [o('failure', 'queue_limit_reached', 'duo_push'), 1],
];

const ERROR: readonly Entry[] = [
  [o('error', 'error', 'duo_push'), 6],
  [o('error', 'error', 'phone_call'), 2],
  [o('error', 'error', 'sms_passcode'), 2],
];

const FRAUD = o('fraud', 'user_marked_fraud', 'duo_push');

const tables = {
  success: new Weighted(SUCCESS),
  successPasscode: new Weighted(SUCCESS_PASSCODE),
  denied: new Weighted(DENIED),
  failure: new Weighted(FAILURE),
  error: new Weighted(ERROR),
};

const NORMAL_RESULTS = new Weighted<Outcome['result']>([
  ['success', 88.5],
  ['denied', 9.9],
  ['error', 0.9],
  ['failure', 0.45],
  ['fraud', 0.25],
]);

function byResult(result: Outcome['result'], random: Random, user: User): Outcome {
  switch (result) {
    case 'success':
      return (user.prefersPasscode ? tables.successPasscode : tables.success).sample(random);
    case 'denied':
      return tables.denied.sample(random);
    case 'failure':
      return tables.failure.sample(random);
    case 'error':
      return tables.error.sample(random);
    case 'fraud':
      return FRAUD;
  }
}

/** An everyday attempt: mostly approved pushes. */
export function normalOutcome(random: Random, user: User): Outcome {
  return byResult(NORMAL_RESULTS.sample(random), random, user);
}

/** Push-fatigue fraud: bursts of pushes to a few users, some marked fraud, some ignored, a few approved. */
const FRAUD_BURST_RESULTS = new Weighted<Outcome['result']>([
  ['fraud', 40],
  ['denied', 45],
  ['success', 10],
  ['error', 5],
]);

/** Credential stuffing from bad addresses: mostly denied, some lockouts. */
const ATTACK_DENIED: readonly Entry[] = [
  [o('denied', 'invalid_passcode', 'passcode'), 30],
  [o('denied', 'locked_out', 'not_available'), 20],
  [o('denied', 'deny_unenrolled_user', 'not_available'), 20],
  [o('denied', 'location_restricted', 'not_available'), 10],
  [o('denied', 'no_response', 'duo_push'), 15],
  [o('denied', 'anomalous_push', 'duo_push'), 5],
];
const attackDenied = new Weighted(ATTACK_DENIED);

export function fraudBurstOutcome(random: Random, user: User): Outcome {
  const result = FRAUD_BURST_RESULTS.sample(random);
  if (result === 'denied')
    return random.chance(0.7)
      ? o('denied', 'no_response', 'duo_push')
      : o('denied', 'user_cancelled', 'duo_push');
  if (result === 'success') return o('success', 'user_approved', 'duo_push');
  return byResult(result, random, user);
}

export function attackOutcome(random: Random, user: User): Outcome {
  return random.chance(0.93) ? attackDenied.sample(random) : byResult('success', random, user);
}
