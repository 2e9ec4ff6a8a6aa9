import { GeoMap } from '../geo';
import type { GeoResult, ReportSelection } from './types';

export interface GeoReportProps {
  title: string;
  showTitle?: boolean;
  height?: number;
  loading: boolean;
  error?: unknown;
  result: GeoResult | undefined;
  selectedKey?: string | null;
  onSelect?: (selection: ReportSelection) => void;
  onOpen?: (selection: ReportSelection) => void;
  locale?: string | undefined;
  valueLabel?: string;
  formatValue?: (value: number) => string;
}

/** The geo view of `<Report>`, split out so the map loads only when a geo report is shown. */
export function GeoReport({ result, selectedKey, onSelect, onOpen, ...common }: GeoReportProps) {
  return (
    <GeoMap
      {...common}
      rows={result?.rows ?? []}
      mode={result?.mode ?? 'country'}
      selected={selectedKey}
      onSelect={onSelect && ((key) => onSelect({ view: 'geo', key }))}
      onOpen={onOpen && ((key) => onOpen({ view: 'geo', key }))}
    />
  );
}
