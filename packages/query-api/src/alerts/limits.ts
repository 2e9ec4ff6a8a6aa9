/** Webhook limits shared by the server's validation and the browser; no Node built-ins here. */

export const MAX_WEBHOOK_URL_LENGTH = 2048;
export const MAX_DELIVERY_PAGE = 200;
export const DEFAULT_DELIVERY_PAGE = 50;
/** How old a signature's timestamp may be before verifyWebhookSignature refuses it (replay window). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
