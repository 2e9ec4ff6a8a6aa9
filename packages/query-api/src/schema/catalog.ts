import { authLogFields, fieldNames, isSortableField, type FieldKind, type FieldName } from './fields';

/** What the API tells clients about one field (GET /api/fields). */
export interface FieldInfo {
  name: FieldName;
  label: string;
  kind: FieldKind;
  groupable: boolean;
  filterable: boolean;
  searchable: boolean;
  /** A log may be sorted by it. */
  sortable: boolean;
  defaultColumn: boolean;
  values?: readonly string[];
  /** `values` are the known ones; stored records may hold others (kept raw, flagged in `quality`). */
  openValues?: boolean;
  /**
   * A record may hold several values (user groups). Reports count such a record once per value, so
   * rows can add up to more than the total; a record with no value counts once, under "None".
   */
  multiValued?: boolean;
}

/** The public field catalog, in declaration order. */
export function fieldCatalog(): FieldInfo[] {
  return fieldNames.map((name) => {
    const { kind, label, groupable, filterable, searchable, defaultColumn, ...rest } = authLogFields[name];
    const values = 'values' in rest ? rest.values : undefined;
    const openValues = 'openValues' in rest ? rest.openValues : undefined;
    return {
      name,
      label,
      kind,
      groupable,
      filterable,
      searchable,
      sortable: isSortableField(name),
      defaultColumn,
      ...(values ? { values } : {}),
      ...(openValues ? { openValues } : {}),
      ...(kind === 'keyword[]' ? { multiValued: true } : {}),
    };
  });
}
