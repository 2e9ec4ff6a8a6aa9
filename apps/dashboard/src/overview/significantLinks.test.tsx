import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReportDefinition, SignificantResult } from '@sightline/schema/reports';
import { useWidgetReport, type WidgetReport } from '../api/useWidgetReport';
import { DashboardProvider } from '../state/DashboardContext';
import { useDashboardState } from '../state/useDashboardState';
import { SignificantWidget } from './SignificantWidget';

vi.mock('../api/useWidgetReport', () => ({ useWidgetReport: vi.fn() }));
// The open findings above the values come from their own query; not what this file is about.
vi.mock('../findings/OpenFindings', () => ({ OpenFindings: () => null }));

const row = (field: SignificantResult['rows'][number]['field'], key: string) => ({
  field,
  key,
  score: 1,
  count: 40,
  backgroundCount: 2,
  rate: 0.2,
  backgroundRate: 0.01,
  lift: 20,
});
const result: SignificantResult = {
  view: 'significant',
  rows: [row('user.name', 'mallory'), row('access_device.location.country', 'Romania')],
  meta: { tookMs: 1, from: '2025-03-03T00:00:00.000Z', to: '2025-03-04T00:00:00.000Z', timeZone: 'UTC' },
};

function Page({ children }: { children: ReactNode }) {
  const { state, update } = useDashboardState();
  return (
    <DashboardProvider value={{ state, update, labelOf: (field) => field }}>{children}</DashboardProvider>
  );
}

afterEach(cleanup);

describe('Out of the ordinary', () => {
  it("links a user who stands out to the user's own page, beside the value that filters to it", () => {
    const report: WidgetReport<SignificantResult> = {
      state: 'ready',
      result,
      error: undefined,
      retry: () => {},
    };
    vi.mocked(useWidgetReport).mockReturnValue(report);
    render(
      <Page>
        <SignificantWidget definition={{} as ReportDefinition} />
      </Page>,
    );
    const page = screen.getByRole('link', { name: /mallory: open the user’s page/ });
    expect(page.getAttribute('href')).toMatch(/^\/user\?.*name=mallory/);
    expect(screen.getByRole('button', { name: /mallory/ })).toBeTruthy();
    // A country has no page of its own: only the filter.
    expect(screen.queryByRole('link', { name: /Romania: open/ })).toBeNull();
  });
});
