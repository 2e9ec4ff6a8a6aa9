import { authLogFields, fieldNames } from '../../log';
import type { SearchableField } from './types';

/** Every field a search may name, from the schema (user name, email, application, hostname…). */
export const SEARCHABLE_FIELDS = fieldNames.filter(
  (n) => authLogFields[n].searchable && authLogFields[n].filterable,
) as SearchableField[];
