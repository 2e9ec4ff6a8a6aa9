/**
 * For receivers of Sightline's webhooks (`@sightline/query-api/webhooks`): verify a delivery's
 * signature and read its payload's types. Node only (it uses node:crypto).
 */
export {
  ATTEMPT_HEADER,
  DELIVERY_HEADER,
  EVENT_HEADER,
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  verifyWebhookSignature,
  type VerifyInput,
  type WebhookVerification,
} from './signature';
export { SIGNATURE_TOLERANCE_SECONDS } from '@sightline/schema/api';
export type { AlertEvent, WebhookPayload } from '@sightline/schema/api';
export type { StoredFinding, Finding, Severity, FindingType } from '@sightline/schema/api';
