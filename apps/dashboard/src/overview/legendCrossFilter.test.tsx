import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BreakdownResult, ReportDefinition, TimeseriesResult } from '@sightline/schema/reports';
import { useWidgetReport, type WidgetReport } from '../api/useWidgetReport';
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
const breakdown: BreakdownResult = {
  view: 'breakdown',
  metric: 'count',
  total: 100,
  rows: [
    { key: 'success', label: 'Success', value: 70 },
    { key: 'denied', label: 'Denied', value: 20 },
    { key: '__other__', label: 'Other', value: 10, isOther: true },
  ],
  meta,
};
const timeseries: TimeseriesResult = {
  view: 'timeseries',
  metric: 'count',
  interval: '1h',
  series: ['success', 'denied'],
  rows: [0, 1, 2].map((i) => ({ t: t0 + i * H, values: { success: 10 + i, denied: 2 + i } })),
  meta,
};
// The report hook is replaced, so the definition only has to exist.
const definition = {} as ReportDefinition;

function answer(result: BreakdownResult | TimeseriesResult) {
  const report: WidgetReport<typeof result> = { state: 'ready', result, error: undefined, retry: () => {} };
  vi.mocked(useWidgetReport).mockReturnValue(report);
}

/** The page's real state: read from and written to the URL, as the app does. */
function Page({ children }: { children: ReactNode }) {
  const { state, update } = useDashboardState();
  return (
    <DashboardProvider value={{ state, update, labelOf: (field) => field }}>{children}</DashboardProvider>
  );
}

const resultFilter = () => new URLSearchParams(window.location.search).getAll('f.result');

beforeEach(() => {
  window.history.replaceState(null, '', `/?from=${meta.from}&to=${meta.to}&tz=UTC`);
});
afterEach(cleanup);

describe('cross-filtering from a chart legend on the overview', () => {
  function Donut() {
    return (
      <Page>
        <BreakdownDonutWidget
          name="summary"
          title="Authentication summary"
          description="By result."
          definition={definition}
          field="result"
          noun="attempts"
          categoryHeader="Result"
        />
      </Page>
    );
  }

  it('adds the same filter from a donut legend entry as from its slice, and takes it back', async () => {
    answer(breakdown);
    const { container } = render(<Donut />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Denied' }));
    expect(resultFilter()).toEqual(['denied']);
    expect(screen.getByRole('button', { name: 'Denied' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: /^Denied: 20/ }).getAttribute('aria-pressed')).toBe('true');

    await user.click(screen.getByRole('button', { name: 'Denied' }));
    expect(resultFilter()).toEqual([]);
    fireEvent.click(container.querySelector('path[data-key="denied"]')!);
    expect(resultFilter()).toEqual(['denied']);
  });

  it('hides a slice from the legend swatch without filtering, and never filters on "Other"', async () => {
    answer(breakdown);
    const { container } = render(<Donut />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Show Denied' }));
    expect(container.querySelector('path[data-key="denied"]')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Other' }));
    expect(resultFilter()).toEqual([]);
  });

  it('filters by result from the stacked area’s legend, by mouse and by keyboard', async () => {
    answer(timeseries);
    render(
      <Page>
        <AttemptsWidget definition={definition} />
      </Page>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'denied' }));
    expect(resultFilter()).toEqual(['denied']);
    expect(screen.getByRole('button', { name: 'denied' }).getAttribute('aria-pressed')).toBe('true');

    screen.getByRole('button', { name: 'Show success' }).focus();
    await user.keyboard('{ArrowRight}{Enter}');
    expect(resultFilter()).toEqual(['denied', 'success']);
    // The swatch hides the band and leaves the filters alone.
    await user.keyboard('{ArrowLeft} ');
    expect(screen.getByRole('button', { name: 'Show success' }).getAttribute('aria-pressed')).toBe('false');
    expect(resultFilter()).toEqual(['denied', 'success']);
  });

  it('zooms the page to whole buckets when a range is brushed with the keyboard', async () => {
    answer(timeseries);
    render(
      <Page>
        <AttemptsWidget definition={definition} />
      </Page>,
    );
    const user = userEvent.setup();
    screen.getByRole('application').focus();
    await user.keyboard('{End}{Shift>}{ArrowLeft}{/Shift}{Enter}');
    const params = new URLSearchParams(window.location.search);
    // The last two hourly buckets, up to the end of the last one.
    expect([params.get('from'), params.get('to')]).toEqual([
      new Date(t0 + H).toISOString(),
      new Date(t0 + 3 * H).toISOString(),
    ]);
  });
});
