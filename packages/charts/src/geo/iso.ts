/**
 * ISO 3166-1 alpha-2 ↔ numeric, packed as five-character entries ("AD020…") so the whole table costs
 * about 1 KB before gzip instead of a dependency. world-atlas keys its features by the numeric code.
 */
const PACKED =
  'AD020AE784AF004AG028AI660AL008AM051AO024AQ010AR032AS016AT040AU036AW533AX248AZ031' +
  'BA070BB052BD050BE056BF854BG100BH048BI108BJ204BL652BM060BN096BO068BQ535BR076BS044BT064BV074BW072BY112BZ084' +
  'CA124CC166CD180CF140CG178CH756CI384CK184CL152CM120CN156CO170CR188CU192CV132CW531CX162CY196CZ203' +
  'DE276DJ262DK208DM212DO214DZ012EC218EE233EG818EH732ER232ES724ET231FI246FJ242FK238FM583FO234FR250' +
  'GA266GB826GD308GE268GF254GG831GH288GI292GL304GM270GN324GP312GQ226GR300GS239GT320GU316GW624GY328' +
  'HK344HM334HN340HR191HT332HU348ID360IE372IL376IM833IN356IO086IQ368IR364IS352IT380JE832JM388JO400JP392' +
  'KE404KG417KH116KI296KM174KN659KP408KR410KW414KY136KZ398LA418LB422LC662LI438LK144LR430LS426LT440LU442' +
  'LV428LY434MA504MC492MD498ME499MF663MG450MH584MK807ML466MM104MN496MO446MP580MQ474MR478MS500MT470MU480' +
  'MV462MW454MX484MY458MZ508NA516NC540NE562NF574NG566NI558NL528NO578NP524NR520NU570NZ554OM512PA591PE604' +
  'PF258PG598PH608PK586PL616PM666PN612PR630PS275PT620PW585PY600QA634RE638RO642RS688RU643RW646SA682SB090' +
  'SC690SD729SE752SG702SH654SI705SJ744SK703SL694SM674SN686SO706SR740SS728ST678SV222SX534SY760SZ748TC796' +
  'TD148TF260TG768TH764TJ762TK772TL626TM795TN788TO776TR792TT780TV798TW158TZ834UA804UG800UM581US840UY858' +
  'UZ860VA336VC670VE862VG092VI850VN704VU548WF876WS882YE887YT175ZA710ZM894ZW716';

/**
 * Features world-atlas ships without a numeric id (it has none in ISO 3166-1). Kosovo uses the
 * user-assigned "XK" that most geo-IP databases emit; N. Cyprus and Somaliland have no code at all.
 */
const BY_NAME: Readonly<Record<string, string>> = { Kosovo: 'XK' };

let toNumeric: Map<string, string> | undefined;
let toAlpha2: Map<string, string> | undefined;

function tables(): [Map<string, string>, Map<string, string>] {
  if (!toNumeric || !toAlpha2) {
    toNumeric = new Map();
    toAlpha2 = new Map();
    for (let i = 0; i < PACKED.length; i += 5) {
      const alpha2 = PACKED.slice(i, i + 2);
      const numeric = PACKED.slice(i + 2, i + 5);
      toNumeric.set(alpha2, numeric);
      toAlpha2.set(numeric, alpha2);
    }
  }
  return [toNumeric, toAlpha2];
}

/** The three-digit numeric code ("250") for an alpha-2 code ("FR", case-insensitive), if ISO assigns one. */
export function alpha2ToNumeric(alpha2: string): string | undefined {
  return tables()[0].get(alpha2.toUpperCase());
}

/** The alpha-2 code ("FR") for a numeric code ("250" or 250). */
export function numericToAlpha2(numeric: string | number): string | undefined {
  return tables()[1].get(String(numeric).padStart(3, '0'));
}

/** The alpha-2 code of a world-atlas feature: by numeric id, else by name for the few without one. */
export function featureAlpha2(id: string | number | undefined, name: string | undefined): string | undefined {
  if (id !== undefined && id !== null) return numericToAlpha2(id);
  return name === undefined ? undefined : BY_NAME[name];
}
