/** Generated tenants: stable ids and names, very different sizes, each with its own geography. */
export interface CustomerProfile {
  readonly id: string;
  readonly name: string;
  /** Share of all traffic; the preset's shares sum to 1. */
  readonly share: number;
  readonly users: number;
  /** Where its people sign in from: ISO country code → weight. */
  readonly countries: Readonly<Record<string, number>>;
  readonly groups: readonly string[];
  readonly applications: readonly { readonly name: string; readonly type: string }[];
  readonly emailDomain: string;
}

const apps = {
  vpn: { name: 'Corporate VPN', type: 'Cisco ASA SSL VPN' },
  sso: { name: 'Duo Single Sign-On', type: 'SSO' },
  o365: { name: 'Microsoft 365', type: 'Microsoft 365' },
  rdp: { name: 'Windows Logon', type: 'RDP' },
  ssh: { name: 'Linux SSH', type: 'Unix Application' },
  web: { name: 'Customer Portal', type: 'Web SDK' },
  sf: { name: 'Salesforce', type: 'SAML' },
  gh: { name: 'GitHub Enterprise', type: 'SAML' },
  aws: { name: 'AWS Console', type: 'SAML' },
  okta: { name: 'Okta', type: 'OIDC' },
  wp: { name: 'WordPress Admin', type: 'Web SDK' },
  citrix: { name: 'Citrix Gateway', type: 'RADIUS' },
} as const;

const defaultPreset: readonly CustomerProfile[] = [
  {
    id: 'acme',
    name: 'Acme Corporation',
    share: 0.6,
    users: 2400,
    countries: { US: 70, CA: 8, GB: 7, IN: 6, DE: 3, MX: 3, BR: 2, JP: 1 },
    groups: ['Engineering', 'Sales', 'Support', 'Finance', 'HR', 'IT Admins', 'Contractors', 'Executives'],
    applications: [apps.sso, apps.o365, apps.vpn, apps.sf, apps.gh, apps.aws, apps.rdp, apps.ssh],
    emailDomain: 'acme.example',
  },
  {
    id: 'globex',
    name: 'Globex Europe',
    share: 0.24,
    users: 900,
    countries: { GB: 35, DE: 25, FR: 12, NL: 8, IE: 6, ES: 5, IT: 4, SE: 3, PL: 2 },
    groups: ['Operations', 'Engineering', 'Finance', 'Legal', 'IT Admins'],
    applications: [apps.o365, apps.citrix, apps.vpn, apps.rdp, apps.sf],
    emailDomain: 'globex.example',
  },
  {
    id: 'initech',
    name: 'Initech',
    share: 0.07,
    users: 260,
    countries: { US: 85, CA: 10, IN: 5 },
    groups: ['Engineering', 'Accounting', 'Management'],
    applications: [apps.okta, apps.ssh, apps.gh, apps.vpn],
    emailDomain: 'initech.example',
  },
  {
    id: 'umbrella',
    name: 'Umbrella Health',
    share: 0.045,
    users: 180,
    countries: { SG: 40, AU: 30, JP: 15, KR: 10, IN: 5 },
    groups: ['Clinicians', 'Research', 'IT Admins'],
    applications: [apps.citrix, apps.o365, apps.rdp],
    emailDomain: 'umbrella.example',
  },
  {
    id: 'hooli',
    name: 'Hooli Labs',
    share: 0.03,
    users: 90,
    countries: { US: 90, CH: 10 },
    groups: ['Research', 'Engineering'],
    applications: [apps.gh, apps.aws, apps.ssh, apps.sso],
    emailDomain: 'hooli.example',
  },
  {
    id: 'piedpiper',
    name: 'Pied Piper',
    share: 0.015,
    users: 25,
    countries: { US: 100 },
    groups: ['Founders', 'Engineering'],
    applications: [apps.gh, apps.web, apps.wp],
    emailDomain: 'piedpiper.example',
  },
];

/** Named sets of customers for `--customers`. */
export const CUSTOMER_PRESETS = {
  default: defaultPreset,
  single: [{ ...defaultPreset[0]!, share: 1 }],
  small: defaultPreset.slice(2).map((c, _i, all) => ({
    ...c,
    share: c.share / all.reduce((sum, x) => sum + x.share, 0),
  })),
} as const satisfies Record<string, readonly CustomerProfile[]>;

export type CustomerPreset = keyof typeof CUSTOMER_PRESETS;
export const CUSTOMER_PRESET_NAMES = Object.keys(CUSTOMER_PRESETS) as CustomerPreset[];

/** A preset's customers, with every id prefixed (tests and benchmarks isolate their data this way). */
export function customersFor(preset: CustomerPreset, idPrefix = ''): CustomerProfile[] {
  return CUSTOMER_PRESETS[preset].map((c) => ({ ...c, id: `${idPrefix}${c.id}` }));
}
