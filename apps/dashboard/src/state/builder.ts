import { METRICS, type Metric } from '@sightline/schema/reports';
import { authLogFields, groupableFields, type GroupableField } from '@sightline/schema';

/** The chart a built report renders as. */
export const BUILDER_VIEWS = ['donut', 'stacked-area', 'map', 'table'] as const;
export type BuilderView = (typeof BUILDER_VIEWS)[number];

export const BUILDER_VIEW_LABELS: Record<BuilderView, string> = {
  donut: 'Donut',
  'stacked-area': 'Stacked area',
  map: 'Map',
  table: 'Table',
};

/** What the report builder is set to; filters and time come from the page-wide state. */
export interface BuilderState {
  view: BuilderView;
  groupBy: GroupableField;
  metric: Metric;
}

export const DEFAULT_BUILDER: BuilderState = { view: 'donut', groupBy: 'result', metric: 'count' };

export function isMetric(value: string): value is Metric {
  return (METRICS as readonly string[]).includes(value);
}

export function isBuilderView(value: string): value is BuilderView {
  return (BUILDER_VIEWS as readonly string[]).includes(value);
}

export function isGroupableField(value: string): value is GroupableField {
  return (groupableFields as readonly string[]).includes(value) && value in authLogFields;
}
