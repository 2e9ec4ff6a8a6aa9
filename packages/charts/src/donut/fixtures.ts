import type { DonutDatum } from './types';

/** Auth results over a week, as a `breakdown` report on `result` returns them. */
export const resultBreakdown: DonutDatum[] = [
  { key: 'success', label: 'Success', value: 48213 },
  { key: 'denied', label: 'Denied', value: 5120 },
  { key: 'failure', label: 'Failure', value: 2875 },
  { key: 'error', label: 'Error', value: 431 },
  { key: 'fraud', label: 'Fraud', value: 57 },
];

/** Second factors, top 6 plus an "other" bucket. */
export const factorBreakdown: DonutDatum[] = [
  { key: 'duo_push', label: 'Duo Push', value: 30211 },
  { key: 'sms_passcode', label: 'SMS passcode', value: 8123 },
  { key: 'phone_call', label: 'Phone call', value: 3312 },
  { key: 'webauthn', label: 'WebAuthn security key', value: 2967 },
  { key: 'hardware_token', label: 'Hardware token', value: 1408 },
  { key: 'remembered_device', label: 'Remembered device', value: 1190 },
  { key: '__other__', label: 'Other', value: 622, isOther: true },
];

/** Long labels, to check truncation in the legend and wrapping in the tooltip. */
export const longLabelBreakdown: DonutDatum[] = [
  { key: 'a', label: 'Okta SSO — Corporate Workforce Identity (production, EU-West)', value: 1200 },
  { key: 'b', label: 'Salesforce Sales Cloud via SAML with step-up authentication', value: 800 },
  { key: 'c', label: 'Remote Desktop Gateway (legacy RDP, scheduled for retirement)', value: 300 },
];

/** Fifty applications, for the "many slices" story and the benchmark. */
export function manySlices(count = 50): DonutDatum[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `app-${i}`,
    label: `Application ${i + 1}`,
    value: Math.round(10000 / (i + 1)) + 5,
  }));
}
