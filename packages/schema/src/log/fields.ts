/**
 * The auth log schema, declared once. Every other shape (the Elasticsearch index template, ingest
 * validation, report definition types, API validation, table and export columns) derives from this table.
 *
 * Keys are dotted paths into the nested record, as Elasticsearch, filters, columns and CSV headers name them.
 */

/**
 * How a field is stored and compared. `tristate`: true, false, or the literal "unknown", kept
 * distinct from false.
 */
export const FIELD_KINDS = [
  'keyword',
  'keyword[]',
  'long',
  'date',
  'ip',
  'boolean',
  'tristate',
  'geo_point',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** What one field allows. */
export interface FieldSpec {
  readonly kind: FieldKind;
  /** Human label, used for table headers and the field catalog. */
  readonly label: string;
  /** Can be a breakdown / stack / significant-terms dimension. */
  readonly groupable: boolean;
  /** Can appear in a report filter. */
  readonly filterable: boolean;
  /** Shown by default in the log table and export. */
  readonly defaultColumn: boolean;
  /** May be null (or absent) in a stored record. */
  readonly nullable: boolean;
  /** Free-text search (case-insensitive substring) is allowed. */
  readonly searchable: boolean;
  /** Allowed values, where the schema knows them (filters are checked against these). */
  readonly values?: readonly string[];
  /**
   * `values` lists the known values, but a stored record may carry another one: ingest keeps an
   * unrecognised raw value (it is evidence, e.g. a spoofed client) and flags it in `quality`.
   */
  readonly openValues?: boolean;
}

type Options = Partial<Omit<FieldSpec, 'kind' | 'label'>>;

/** A flag's literal type from the options given, or its default: keeps `groupable: true` etc. literal. */
type Flag<O, Key extends keyof Options, Default extends boolean> = O extends {
  [P in Key]: infer V extends boolean;
}
  ? V
  : Default;

/** The literal spec `field` returns, so record types and NamesWhere can read each flag and value list. */
type Spec<K extends FieldKind, O extends Options> = {
  readonly kind: K;
  readonly label: string;
  readonly groupable: Flag<O, 'groupable', false>;
  readonly filterable: Flag<O, 'filterable', true>;
  readonly defaultColumn: Flag<O, 'defaultColumn', false>;
  readonly nullable: Flag<O, 'nullable', true>;
  readonly searchable: Flag<O, 'searchable', false>;
} & (O extends { values: infer V extends readonly string[] } ? { readonly values: V } : unknown) &
  (O extends { openValues: true } ? { readonly openValues: true } : unknown);

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- "no options given"
function field<K extends FieldKind, const O extends Options = {}>(
  kind: K,
  label: string,
  options: O = {} as O,
): Spec<K, O> {
  const spec: FieldSpec = {
    kind,
    label,
    groupable: options.groupable ?? false,
    filterable: options.filterable ?? true,
    defaultColumn: options.defaultColumn ?? false,
    nullable: options.nullable ?? true,
    searchable: options.searchable ?? false,
    ...(options.values ? { values: options.values } : {}),
    ...(options.openValues ? { openValues: true } : {}),
  };
  return spec as Spec<K, O>;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- "no options given"
const dim = <const O extends Options = {}>(label: string, options: O = {} as O) =>
  field('keyword', label, { groupable: true as const, ...options });
const flag = (label: string) => field('boolean', label, { groupable: true });
const tristate = (label: string) => field('tristate', label, { groupable: true });

export const RESULTS = ['success', 'denied', 'failure', 'error', 'fraud'] as const;
export const EVENT_TYPES = ['authentication', 'enrollment'] as const;
/** Results that count as a failed attempt in the failure-rate metric. */
export const FAILED_RESULTS = ['denied', 'failure', 'error', 'fraud'] as const;

/**
 * Factors Duo writes: the accepted set. A factor outside it is stored as written (evidence, or a
 * factor Duo added since) and counted by the accepted-values quality check.
 */
export const FACTORS = [
  'duo_push',
  'verified_duo_push',
  'phone_call',
  'sms_passcode',
  'sms_refresh',
  'passcode',
  'duo_mobile_passcode',
  'hardware_token',
  'yubikey_code',
  'u2f_token',
  'webauthn',
  'bypass_code',
  'remembered_device',
  'trusted_network',
  'not_available',
] as const;

/**
 * Reasons only a failed attempt carries: a success with one of these breaks a business rule (a
 * forged or corrupted record), which the business-rule quality check counts.
 */
export const FAILURE_REASONS = [
  'invalid_passcode',
  'no_response',
  'user_cancelled',
  'locked_out',
  'deny_unenrolled_user',
  'user_marked_fraud',
  'user_disabled',
  'denied_by_policy',
  'call_timed_out',
  'no_keys_pressed',
  'anomalous_push',
  'invalid_device',
  'factor_restricted',
  'location_restricted',
  'platform_restricted',
  'software_restricted',
  'version_restricted',
  'no_disk_encryption',
  'no_firewall',
  'endpoint_is_not_trusted',
  'error',
] as const;

/** Flags ingest sets on values that are present but wrong; the record is kept, the raw value preserved. */
export const QUALITY_FLAGS = [
  'ip_with_port',
  'ip_malformed',
  'auth_ip_malformed',
  'ts_in_future',
  'result_unknown',
  'event_type_unknown',
  'country_unknown',
  'geo_out_of_range',
  'email_unknown',
] as const;

/**
 * The two kinds of bad data, kept apart. `system`: a value a system wrote in a broken or awkward form
 * (a fault to fix upstream, nothing to investigate). `suspicious`: a value of the wrong shape or out
 * of range that may be spoofed, so it is evidence: kept raw, filterable and reported.
 */
export type BadDataKind = 'system' | 'suspicious';

export const QUALITY_FLAG_KINDS: { readonly [F in (typeof QUALITY_FLAGS)[number]]: BadDataKind } = {
  ip_with_port: 'system',
  email_unknown: 'system',
  ip_malformed: 'suspicious',
  auth_ip_malformed: 'suspicious',
  ts_in_future: 'suspicious',
  result_unknown: 'suspicious',
  event_type_unknown: 'suspicious',
  country_unknown: 'suspicious',
  geo_out_of_range: 'suspicious',
};

export const authLogFields = {
  txid: field('keyword', 'Event id', { nullable: false }),
  seq: field('long', 'Sequence', { filterable: false }),
  customer_id: field('keyword', 'Customer', { nullable: false, filterable: false }),
  ts: field('date', 'Time', { nullable: false, defaultColumn: true }),
  ingested_at: field('date', 'Ingested at', { nullable: false }),
  // Open: an unknown event type or result is stored raw and flagged (event_type_unknown, result_unknown).
  event_type: dim('Event type', { nullable: false, values: EVENT_TYPES, openValues: true }),
  result: dim('Result', { nullable: false, defaultColumn: true, values: RESULTS, openValues: true }),
  reason: dim('Reason', { defaultColumn: true }),
  // FACTORS is not its `values`: filters check against those, and a filter on an unlisted factor
  // (evidence, or one Duo added since) must keep working.
  factor: dim('Factor', { defaultColumn: true }),
  'user.name': dim('User', { defaultColumn: true, searchable: true }),
  'user.key': dim('User key'),
  'user.groups': field('keyword[]', 'Groups', { groupable: true }),
  email: dim('Email', { searchable: true }),
  alias: dim('Alias'),
  'application.name': dim('Application', { defaultColumn: true, searchable: true }),
  'application.key': dim('Application key'),
  'application.type': dim('Application type'),
  // The service an SSO application protects (Duo: "Microsoft 365" behind "Acme Corp IdP").
  'application.destination_name': dim('Destination'),
  'access_device.ip': field('ip', 'IP', { defaultColumn: true, groupable: true }),
  'access_device.ip_reputation.is_malicious': flag('Malicious IP'),
  'access_device.ip_reputation.is_vpn': flag('VPN IP'),
  'access_device.ip_reputation.is_tor': flag('Tor IP'),
  'access_device.location.city': dim('City'),
  'access_device.location.state': dim('State'),
  'access_device.location.country': dim('Country', { defaultColumn: true }),
  'access_device.location.country_code': dim('Country code'),
  'access_device.location.geo': field('geo_point', 'Location', { filterable: false }),
  'access_device.browser': dim('Browser'),
  'access_device.browser_version': dim('Browser version'),
  'access_device.os': dim('OS'),
  'access_device.os_version': dim('OS version'),
  'access_device.hostname': dim('Hostname', { searchable: true }),
  'access_device.is_encryption_enabled': tristate('Disk encryption'),
  'access_device.is_firewall_enabled': tristate('Firewall'),
  'access_device.is_password_set': tristate('Password set'),
  'auth_device.name': dim('Auth device'),
  'auth_device.ip': field('ip', 'Auth device IP', { groupable: true }),
  'auth_device.location.city': dim('Auth device city'),
  'auth_device.location.state': dim('Auth device state'),
  'auth_device.location.country': dim('Auth device country'),
  'auth_device.location.country_code': dim('Auth device country code'),
  'auth_device.location.geo': field('geo_point', 'Auth device location', { filterable: false }),
  trusted_endpoint_status: dim('Trusted endpoint'),
  // What the source itself concluded about the attempt (Duo's risk-based authentication), kept apart
  // from Sightline's own findings: evidence beside them, and findings of type source_risk.
  /** The lowest trust level the source assessed, as it writes it: LOW, NORMAL, UNKNOWN, ERROR. */
  'risk.trust_level': dim('Source trust level'),
  /** The source's reason for that level, e.g. "Novel Access IP". */
  'risk.reason': dim('Source risk reason'),
  /** Attack detectors the source triggered and did not suppress, e.g. NOVEL_ASN, USER_MARKED_FRAUD. */
  'risk.attacks': field('keyword[]', 'Source-flagged attacks', { groupable: true }),
  /** Detectors the source triggered but suppressed, and why (e.g. KNOWN_IP): seen, judged benign. */
  'risk.suppressed_attacks': field('keyword[]', 'Source-suppressed attacks', { groupable: true }),
  'risk.suppressed_reasons': field('keyword[]', 'Suppression reasons', { groupable: true }),
  /** The countries the source compared for travel: where the access and the auth device were. */
  'risk.access_country_code': dim('Source access country'),
  'risk.auth_country_code': dim('Source auth device country'),
  /** The travel speed the source found unrealistic, in its own unit (Duo does not document it). */
  'risk.travel_velocity': field('long', 'Source travel velocity'),
  'risk.passport_supported': flag('Passport supported'),
  'risk.passport_reason': dim('Passport reason'),
  'risk.trusted_session': field('keyword', 'Trusted session'),
  /**
   * A digest of what the source said about the attempt (ingestion stamps and derived flags left out):
   * a txid re-sent with other content is told from a plain repeat by it. Not a dimension to filter on.
   */
  content_hash: field('keyword', 'Content hash', { filterable: false }),
  quality: field('keyword[]', 'Data quality flags', {
    groupable: true,
    nullable: false,
    values: QUALITY_FLAGS,
  }),
} as const satisfies Record<string, FieldSpec>;

export type AuthLogFields = typeof authLogFields;
/** Every field's dotted path. */
export type FieldName = keyof AuthLogFields & string;

type NamesWhere<P extends Partial<FieldSpec>> = {
  [K in FieldName]: AuthLogFields[K] extends P ? K : never;
}[FieldName];

/** Fields a report may group by (donut slices, stacked series, significant terms). */
export type GroupableField = NamesWhere<{ groupable: true }>;
/** Fields a report filter may name. */
export type FilterableField = NamesWhere<{ filterable: true }>;

export const fieldNames = Object.keys(authLogFields) as FieldName[];

export function isFieldName(name: string): name is FieldName {
  return Object.prototype.hasOwnProperty.call(authLogFields, name);
}

export function fieldSpec(name: FieldName): FieldSpec {
  return authLogFields[name];
}

export const groupableFields = fieldNames.filter((n) => authLogFields[n].groupable) as GroupableField[];
export const filterableFields = fieldNames.filter((n) => authLogFields[n].filterable) as FilterableField[];
/** Fields a log may be sorted by: everything with an order (not geo points). */
export type SortableField = Exclude<FieldName, NamesWhere<{ kind: 'geo_point' }>>;
/** Whether a log may be sorted by the field. */
export const isSortableField = (name: FieldName): name is SortableField =>
  authLogFields[name].kind !== 'geo_point';
export const sortableFields = fieldNames.filter(isSortableField);
export const defaultColumns = fieldNames.filter((n) => authLogFields[n].defaultColumn);
