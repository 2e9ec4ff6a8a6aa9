import { SEARCHABLE_FIELDS } from '@sightline/schema/reports';
import type { FieldName } from '@sightline/schema';
import type { DashboardFilter } from './filters';

/** A pill's text, in parts so the field can be emphasised and the whole read out as a sentence. */
export interface FilterDescription {
  field: string;
  operator: string;
  value: string;
  /** The whole condition as one sentence, for the remove button's accessible name. */
  sentence: string;
}

export function describeFilter(
  filter: DashboardFilter,
  labelOf: (field: FieldName) => string,
): FilterDescription {
  const field = filter.kind === 'text' ? anyOf(SEARCHABLE_FIELDS.map(labelOf)) : labelOf(filter.field);
  const [operator, value] = parts(filter);
  return { field, operator, value, sentence: `${field} ${operator} ${value}`.trim() };
}

function parts(filter: DashboardFilter): [string, string] {
  switch (filter.kind) {
    case 'is':
      return [filter.values.length > 1 ? 'is any of' : 'is', filter.values.join(', ')];
    case 'isNot':
      return [filter.values.length > 1 ? 'is none of' : 'is not', filter.values.join(', ')];
    case 'search':
    case 'text':
      return ['contains', `“${filter.text}”`];
    case 'exists':
      return [filter.exists ? 'is present' : 'is missing', ''];
  }
}

/** "User, Email, Application or Hostname". */
function anyOf(labels: string[]): string {
  return labels.length < 2 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
}
