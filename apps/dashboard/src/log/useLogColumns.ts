import { columnsFromFields, fieldFromCatalog, type LogColumn } from '@sightline/charts/table';
import type { LogRow } from '@sightline/schema/reports';
import type { FieldName, FilterableField } from '@sightline/schema';
import { createElement, useMemo } from 'react';
import { EntityLink } from '../entity/EntityLink';
import { entityRouteOf } from '../state/entity';
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
    return columnsFromFields<LogRow>(infos.map(fieldFromCatalog)).map((column, i) => {
      const info = infos[i];
      if (info?.kind === 'date')
        return {
          ...column,
          cell: (value: unknown) => (typeof value === 'string' ? time.format(new Date(value)) : '—'),
        };
      // A user name or an address opens its own page.
      if (info && entityRouteOf(info.name))
        return {
          ...column,
          cell: (value: unknown) =>
            typeof value === 'string' && value !== ''
              ? createElement(EntityLink, { field: info.name as FilterableField, value })
              : '—',
        };
      return column;
    });
  }, [byName, fields, zone]);
}
