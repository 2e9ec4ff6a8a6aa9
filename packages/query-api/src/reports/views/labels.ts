import { authLogFields, type FieldName } from '@sightline/schema';

const YES_NO: Record<string, string> = { true: 'Yes', false: 'No', unknown: 'Unknown' };

/** A readable label for a bucket key: flags read Yes / No / Unknown, everything else as stored. */
export function labelFor(field: FieldName, key: string): string {
  const kind = authLogFields[field].kind;
  return kind === 'boolean' || kind === 'tristate' ? (YES_NO[key] ?? key) : key;
}

/** Multi-valued fields count a record once per value, so remainders are not sums. */
export function isMultiValued(field: FieldName): boolean {
  return authLogFields[field].kind === 'keyword[]';
}
