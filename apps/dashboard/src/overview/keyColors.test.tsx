import { cleanup, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BreakdownResult, ReportDefinition, TimeseriesResult } from '@sightline/schema/reports';
import { useWidgetReport, type WidgetReport } from '../api/useWidgetReport';
import { KeyColors } from '@sightline/charts';
import { DashboardProvider } from '../state/DashboardContext';
import { useDashboardState } from '../state/useDashboardState';
import { AttemptsWidget } from './AttemptsWidget';
import { BreakdownDonutWidget } from './BreakdownDonutWidget';

vi.mock('../api/useWidgetReport', () => ({ useWidgetReport: vi.fn() }));

const H = 3_600_000;
const t0 = Date.UTC(2025, 2, 3);
const meta = {
  tookMs: 1,
  from: new Date(t0).toISOString(),
  to: new Date(t0 + 3 * H).toISOString(),
  timeZone: 'UTC',
};
const breakdown = (rows: BreakdownResult['rows']): BreakdownResult => ({
  view: 'breakdown',
  metric: 'count',
  total: rows.reduce((sum, r) => sum + r.value, 0),
  rows,
  meta,
});
const timeseries = (series: string[]): TimeseriesResult => ({
  view: 'timeseries',
  metric: 'count',
  interval: '1h',
  series,
  rows: [0, 1, 2].map((i) => ({ t: t0 + i * H, values: Object.fromEntries(series.map((s) => [s, 5 + i])) })),
  meta,
});
const definition = {} as ReportDefinition;

function answer(result: BreakdownResult | TimeseriesResult) {
  const report: WidgetReport<typeof result> = { state: 'ready', result, error: undefined, retry: () => {} };
  vi.mocked(useWidgetReport).mockReturnValue(report);
}

function Page({ children }: { children: ReactNode }) {
  const { state, update } = useDashboardState();
  return (
    <DashboardProvider value={{ state, update, labelOf: (field) => field }}>{children}</DashboardProvider>
  );
}

function Donut({ field = 'result' as const }: { field?: 'result' | 'reason' }) {
  return (
    <Page>
      <BreakdownDonutWidget
        name="summary"
        title="Authentication summary"
        description="By result."
        definition={definition}
        field={field}
        noun="attempts"
        categoryHeader="Result"
      />
    </Page>
  );
}

const sliceFill = (c: HTMLElement, key: string) =>
  c.querySelector(`svg path[data-key="${key}"]`)?.getAttribute('fill');
const bandFill = (c: HTMLElement, key: string) =>
  c.querySelector(`[data-layer="areas"] path[data-series="${key}"]`)?.getAttribute('fill');

beforeEach(() => {
  window.history.replaceState(null, '', `/?from=${meta.from}&to=${meta.to}&tz=UTC`);
});
afterEach(cleanup);

describe('a key keeps its colour everywhere on the page', () => {
  it('draws "denied" in the same colour in the donut, filtered or not, and in the time chart', () => {
    answer(
      breakdown([
        { key: 'success', label: 'Success', value: 70 },
        { key: 'denied', label: 'Denied', value: 20 },
      ]),
    );
    const unfiltered = render(<Donut />);
    const denied = sliceFill(unfiltered.container, 'denied');
    const success = sliceFill(unfiltered.container, 'success');
    unfiltered.unmount();

    answer(breakdown([{ key: 'denied', label: 'Denied', value: 20 }]));
    const filtered = render(<Donut />);
    expect(sliceFill(filtered.container, 'denied')).toBe(denied);
    filtered.unmount();

    answer(timeseries(['denied', 'success']));
    const area = render(
      <Page>
        <AttemptsWidget definition={definition} />
      </Page>,
    );
    expect(bandFill(area.container, 'denied')).toBe(denied);
    expect(bandFill(area.container, 'success')).toBe(success);
    expect(denied).not.toBe(success);
  });

  it('gives each result a colour by meaning, the same in every fresh page', () => {
    const a = new KeyColors();
    const b = new KeyColors();
    const results = ['success', 'denied', 'failure', 'error', 'fraud'];
    const first = results.map((r) => a.colorOf('result', r));
    const reversed = [...results].reverse().map((r) => b.colorOf('result', r));
    expect(first).toEqual(reversed.reverse());
    expect(new Set(first).size).toBe(results.length);
    // A result the schema does not know takes a colour none of the known ones uses.
    expect(first).not.toContain(a.colorOf('result', 'SUCCESS_LEGACY'));
  });

  it('keeps another field’s value on its colour when the values beside it change', () => {
    const colours = new KeyColors();
    const before = ['no_keys', 'locked_out', 'bad_passcode'].map((k) => colours.colorOf('reason', k));
    expect(new Set(before).size).toBe(3);
    expect(colours.colorOf('reason', 'bad_passcode')).toBe(before[2]);
    expect(colours.colorOf('reason', 'new_reason')).not.toBeOneOf(before);
  });
});
