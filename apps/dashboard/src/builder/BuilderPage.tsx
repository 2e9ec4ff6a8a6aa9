import { METRIC_LABELS, type Metric } from '@sightline/schema/reports';
import { useId, useMemo } from 'react';
import { useFieldCatalog } from '../api/useFieldCatalog';
import { PageHeading } from '../layout/PageHeading';
import { BUILDER_VIEW_LABELS, BUILDER_VIEWS, isGroupableField, type BuilderState } from '../state/builder';
import { useDashboard } from '../state/DashboardContext';
import { reportScope } from '../state/reportScope';
import { AddFilterForm } from './AddFilterForm';
import { BuilderPreview } from './BuilderPreview';
import { builderDefinition } from './builderDefinition';
import { CopyButton } from './CopyButton';
import { definitionJson, reportSnippet } from './snippet';
import './builder.css';

export function BuilderPage() {
  const id = useId();
  const { state, update, labelOf } = useDashboard();
  const { fields } = useFieldCatalog();
  const { builder, time, timeZone, filters } = state;
  const definition = useMemo(
    () => builderDefinition(builder, reportScope({ time, timeZone, filters })),
    [builder, time, timeZone, filters],
  );
  const groupable = fields.filter((f) => f.groupable && isGroupableField(f.name));
  const title =
    builder.view === 'table'
      ? `Attempts with their ${labelOf(builder.groupBy).toLowerCase()}`
      : builder.view === 'map'
        ? `${METRIC_LABELS[builder.metric]} by country`
        : `${METRIC_LABELS[builder.metric]} by ${labelOf(builder.groupBy).toLowerCase()}`;
  const set = (patch: Partial<BuilderState>) =>
    update((s) => ({ ...s, builder: { ...s.builder, ...patch } }), { replace: true });
  const json = definitionJson(definition);

  return (
    <>
      <PageHeading title="Report builder" />
      <div className="sl-builder">
        <div className="sl-builder__controls">
          <fieldset className="sl-facet">
            <legend>Chart</legend>
            {BUILDER_VIEWS.map((view) => (
              <label key={view} className="sl-radio">
                <input
                  type="radio"
                  name={`${id}-view`}
                  value={view}
                  checked={builder.view === view}
                  onChange={() => set({ view })}
                />
                {BUILDER_VIEW_LABELS[view]}
              </label>
            ))}
          </fieldset>
          <div className="sl-search">
            <label htmlFor={`${id}-group`}>Group by</label>
            <select
              id={`${id}-group`}
              value={builder.groupBy}
              disabled={builder.view === 'map'}
              aria-describedby={builder.view === 'map' ? `${id}-group-hint` : undefined}
              onChange={(e) => isGroupableField(e.target.value) && set({ groupBy: e.target.value })}
            >
              {groupable.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.label}
                </option>
              ))}
            </select>
            {builder.view === 'map' && (
              <p id={`${id}-group-hint`} className="sl-muted">
                A map always groups by country.
              </p>
            )}
          </div>
          <div className="sl-search">
            <label htmlFor={`${id}-metric`}>Metric</label>
            <select
              id={`${id}-metric`}
              value={builder.metric}
              onChange={(e) => set({ metric: e.target.value as Metric })}
            >
              {(Object.keys(METRIC_LABELS) as Metric[]).map((m) => (
                <option key={m} value={m}>
                  {METRIC_LABELS[m]}
                </option>
              ))}
            </select>
            {builder.view === 'table' && (
              <p id={`${id}-metric-hint`} className="sl-muted">
                A table lists attempts; the chosen field is a column.
              </p>
            )}
          </div>
          <AddFilterForm />
        </div>
        <div className="sl-builder__output">
          <BuilderPreview builder={builder} definition={definition} title={title} />
          <section className="sl-widget" aria-labelledby={`${id}-def`}>
            <header className="sl-widget__header">
              <h2 id={`${id}-def`}>Definition</h2>
              <div className="sl-widget__actions">
                <CopyButton text={json} label="Copy JSON" />
                <CopyButton text={reportSnippet(definition, title)} label="Copy <Report> snippet" />
              </div>
            </header>
            <pre className="sl-code" tabIndex={0} aria-label="Report definition as JSON">
              {json}
            </pre>
          </section>
        </div>
      </div>
    </>
  );
}
