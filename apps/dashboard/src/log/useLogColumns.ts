import { columnsFromFields, fieldFromCatalog, type LogColumn } from '@sightline/charts/table';
import type { LogRow } from '@sightline/query-api/reports';
import type { FieldName } from '@sightline/query-api/schema';
import { useMemo } from 'react';
import { useFieldCatalog } from '../api/useFieldCatalog';
import { useDashboard } from '../state/DashboardContext';
import { instantFormat } from '../state/dateFormat';

/** Table columns for these fields, labelled from the API's catalog, with times in the page's zone and date format. */
export function useLogColumns(fields: readonly FieldName[]): LogColumn<LogRow>[] {
  const { byName } = useFieldCatalog();
  const { state } = useDashboard();
  const zone = state.timeZone;
  return useMemo(() => {
    const time = instantFormat(zone, { seconds: true });
    const infos = fields.flatMap((f) => {
      const info = byName.get(f);
      return info ? [info] : [];
    });
    return columnsFromFields<LogRow>(infos.map(fieldFromCatalog)).map((column, i) =>
      infos[i]?.kind === 'date'
        ? {
            ...column,
            cell: (value: unknown) => (typeof value === 'string' ? time.format(new Date(value)) : '—'),
          }
        : column,
    );
  }, [byName, fields, zone]);
}
