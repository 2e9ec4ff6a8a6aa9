/** Webhook limits shared by the server's validation and the browser; no Node built-ins here. */
import { DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE } from '../export/audit-limits';

export const MAX_WEBHOOK_URL_LENGTH = 2048;
export const MAX_DELIVERY_PAGE = MAX_AUDIT_PAGE;
export const DEFAULT_DELIVERY_PAGE = DEFAULT_AUDIT_PAGE;
/** How old a signature's timestamp may be before verifyWebhookSignature refuses it (replay window). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
