import type { Client } from '@elastic/elasticsearch';
import { secretKeyFromEnv, type SecretKeySource } from '../secrets/key';
import { isSealed, openSecret, sealSecret, type SecretKey } from '../secrets/sealed';
import { ownIndexCreator } from '../store/own-index';
import { DEFAULT_ALERT_INDICES, settingsMapping, type AlertIndices } from './mapping';
import type { WebhookSettingBody } from './params';
import { newWebhookSecret } from './signature';
import type { WebhookPutResult, WebhookSecretResult, WebhookSetting } from '@sightline/schema/api';

/**
 * The stored setting: what the API shows, plus the secret the deliverer signs with, sealed under the
 * secret key (secrets/sealed.ts); `signingSecret` opens it.
 */
export interface StoredWebhookSetting extends WebhookSetting {
  secret: string;
}

/** What a sealed webhook secret is bound to: its customer, so it opens on that customer's setting only. */
const sealContext = (customer: string) => `the webhook of ${customer}`;

/** The setting without its secret, as every answer but creation and rotation gives it. */
export function publicSetting(stored: StoredWebhookSetting): WebhookSetting {
  const { secret: _, ...setting } = stored;
  return setting;
}

const isConflict = (error: unknown) => (error as { meta?: { statusCode?: number } }).meta?.statusCode === 409;

/**
 * Each customer's webhook, one document whose id is the customer id: a customer can only ever read its
 * own, and reads by id are real-time, so a change applies to the next delivery without a refresh.
 */
export class EsWebhookSettings {
  readonly #ensure: () => Promise<void>;

  constructor(
    private readonly es: Client,
    readonly indices: AlertIndices = DEFAULT_ALERT_INDICES,
    /** Read when a secret is first sealed or opened: reading settings needs no key. */
    readonly secretKey: SecretKeySource = secretKeyFromEnv(),
  ) {
    this.#ensure = ownIndexCreator(es, indices.settings, settingsMapping);
  }

  /** The secret the customer's deliveries are signed with, in clear. */
  signingSecret(setting: StoredWebhookSetting): string {
    // Secrets stored before they were sealed are plain `whsec_…`: used as they are, and sealed at the
    // setting's next write (a change by PUT keeps the secret and seals it; a rotation replaces it).
    if (!isSealed(setting.secret)) return setting.secret;
    return openSecret(this.secretKey(), setting.secret, sealContext(setting.customer));
  }

  #seal(key: SecretKey, customer: string, secret: string): string {
    return sealSecret(key, secret, sealContext(customer));
  }

  ensureIndex(): Promise<void> {
    return this.#ensure();
  }

  async get(customer: string): Promise<StoredWebhookSetting | null> {
    return (await this.getMany([customer])).get(customer) ?? null;
  }

  /** The settings of the customers named (those that have one). No index yet means no settings. */
  async getMany(customers: readonly string[]): Promise<Map<string, StoredWebhookSetting>> {
    const found = new Map<string, StoredWebhookSetting>();
    if (customers.length === 0) return found;
    const response = await this.es.mget<StoredWebhookSetting>(
      { index: this.indices.settings, ids: [...customers] },
      { ignore: [404] },
    );
    for (const doc of response.docs ?? []) {
      if ('found' in doc && doc.found && doc._source) found.set(doc._id, doc._source);
    }
    return found;
  }

  /**
   * Creates or changes the customer's webhook. A new one gets a signing secret, returned here once;
   * a change keeps the secret.
   */
  async put(
    customer: string,
    body: WebhookSettingBody,
    token: string,
    at: string,
  ): Promise<WebhookPutResult> {
    await this.#ensure();
    const change = { url: body.url, minSeverity: body.minSeverity, enabled: body.enabled };
    for (;;) {
      const existing = await this.get(customer);
      if (existing) {
        const updated = { ...existing, ...change, updatedAt: at, updatedBy: token };
        // A secret stored in clear before secrets were sealed is sealed now, on this first write.
        if (!isSealed(existing.secret))
          updated.secret = this.#seal(this.secretKey(), customer, existing.secret);
        await this.es.update({ index: this.indices.settings, id: customer, doc: updated });
        return { setting: publicSetting(updated), created: false, secret: null };
      }
      const secret = newWebhookSecret();
      const created: StoredWebhookSetting = {
        customer,
        ...change,
        secret: this.#seal(this.secretKey(), customer, secret),
        secretCreatedAt: at,
        createdAt: at,
        updatedAt: at,
        updatedBy: token,
      };
      try {
        await this.es.create({ index: this.indices.settings, id: customer, document: created });
        return { setting: publicSetting(created), created: true, secret };
      } catch (error) {
        // Another admin created it meanwhile: change theirs instead.
        if (!isConflict(error)) throw error;
      }
    }
  }

  /** A new signing secret, returned here once; null when the customer has no webhook. */
  async rotate(customer: string, token: string, at: string): Promise<WebhookSecretResult | null> {
    const existing = await this.get(customer);
    if (!existing) return null;
    const secret = newWebhookSecret();
    const rotated = {
      ...existing,
      secret: this.#seal(this.secretKey(), customer, secret),
      secretCreatedAt: at,
      updatedAt: at,
      updatedBy: token,
    };
    await this.es.update({ index: this.indices.settings, id: customer, doc: rotated });
    return { setting: publicSetting(rotated), secret };
  }

  /** Deletes the customer's webhook; false when it had none. Its pending deliveries are cancelled when due. */
  async delete(customer: string): Promise<boolean> {
    const response = await this.es.delete({ index: this.indices.settings, id: customer }, { ignore: [404] });
    return response.result === 'deleted';
  }
}
