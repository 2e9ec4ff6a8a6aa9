import { authLogFields, type FieldName } from '@sightline/schema';

/** URL values are strings; the API compares booleans and tri-states as typed values. */
export function apiScalar(field: FieldName, value: string): string | boolean {
  const kind = authLogFields[field].kind;
  if ((kind === 'boolean' || kind === 'tristate') && (value === 'true' || value === 'false')) {
    return value === 'true';
  }
  return value;
}
