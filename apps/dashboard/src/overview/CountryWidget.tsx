import type { GeoResult, ReportDefinition } from '@sightline/schema/reports';
import { useEffect } from 'react';
import { GeoMap, loadWorldTopology } from '@sightline/charts/geo';
import { useWidgetReport } from '../api/useWidgetReport';
import { Widget } from '../layout/Widget';
import { WidgetBody } from '../layout/WidgetBody';
import { useCrossFilter } from './useCrossFilter';
import { useDrillDown } from './useDrillDown';

const HEIGHT = 300;

/** Attempts by the access device's country: a click opens the country's log rows, Space filters the page to it. */
export function CountryWidget({ definition }: { definition: ReportDefinition }) {
  const report = useWidgetReport<'geo'>(definition, (r) => r.rows.length === 0);
  const field = 'access_device.location.country_code';
  const { selectedKey, toggle } = useCrossFilter(field);
  const drill = useDrillDown('countries');
  // The map mounts only once its data is in, and then asks for the world geometry (its own chunk):
  // ask now, so both load at once. A failure is left for the map, which shows it and retries.
  useEffect(() => {
    loadWorldTopology().catch(() => undefined);
  }, []);
  return (
    <Widget
      name="countries"
      title="Attempts by country"
      description="Where the access devices were. Click a country to see its attempts in the log; focus it and press Space to filter."
      state={report.state}
      className="sl-widget--wide"
    >
      <WidgetBody report={report} noun="attempts with a known location" height={HEIGHT}>
        {(result: GeoResult) => (
          <GeoMap
            title="Attempts by country"
            rows={result.rows}
            mode="country"
            valueLabel="Attempts"
            height={HEIGHT}
            selected={selectedKey}
            onSelect={(key) => toggle(key)}
            onOpen={(key) => drill.open({ field, value: key })}
          />
        )}
      </WidgetBody>
    </Widget>
  );
}
