import { fieldCatalog, type FieldInfo, type FieldName } from '@sightline/schema';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useClient } from './ApiProvider';

/** The schema the dashboard was built with: labels are right before the API's own catalog arrives. */
const bundled = fieldCatalog();

export interface FieldCatalog {
  fields: readonly FieldInfo[];
  byName: ReadonlyMap<FieldName, FieldInfo>;
  labelOf: (field: FieldName) => string;
}

/** The API's field catalog (GET /api/fields): labels, kinds and allowed values of every field. */
export function useFieldCatalog(): FieldCatalog {
  const client = useClient();
  const { data = bundled } = useQuery({
    queryKey: ['fields'],
    queryFn: ({ signal }) => client.fields({ signal }),
    staleTime: Infinity,
    placeholderData: bundled,
  });
  return useMemo(() => {
    const byName = new Map(data.map((f) => [f.name, f]));
    return { fields: data, byName, labelOf: (field) => byName.get(field)?.label ?? field };
  }, [data]);
}
