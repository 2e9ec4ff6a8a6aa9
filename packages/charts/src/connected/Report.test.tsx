import { render, screen, waitFor, act } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient } from '@tanstack/react-query';
import { colorsFor } from '../theme/keyColors';
import { Report } from './Report';
import { SightlineProvider } from './SightlineProvider';
import { reportQueryKey, stableStringify } from './useReport';
import type { ReportClient, ReportDefinition, ReportResult } from './types';

const meta = { tookMs: 3, from: '2025-03-03T00:00:00Z', to: '2025-03-04T00:00:00Z', timeZone: 'UTC' };
const breakdown: ReportResult = {
  view: 'breakdown',
  metric: 'count',
  total: 15,
  meta,
  rows: [
    { key: 'success', label: 'success', value: 10 },
    { key: 'denied', label: 'denied', value: 5 },
  ],
};
const byResult: ReportDefinition = {
  timeRange: { last: '24h' },
  view: { type: 'breakdown', groupBy: 'result' },
};

function deferredClient() {
  const calls: { definition: ReportDefinition; signal?: AbortSignal; resolve: (r: ReportResult) => void }[] =
    [];
  const client: ReportClient = {
    runReport: (definition, options) =>
      new Promise((resolve) => calls.push({ definition, signal: options?.signal, resolve })),
  };
  return { client, calls };
}

function setup(client: ReportClient, ui: React.ReactNode) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <SightlineProvider client={client} queryClient={queryClient}>
      {ui}
    </SightlineProvider>,
  );
}

describe('stableStringify / reportQueryKey', () => {
  it('ignores key order', () => {
    expect(stableStringify({ b: 1, a: { d: [1, { y: 1, x: 2 }], c: 2 } })).toBe(
      '{"a":{"c":2,"d":[1,{"x":2,"y":1}]},"b":1}',
    );
    expect(reportQueryKey(byResult)).toEqual(
      reportQueryKey({ view: { groupBy: 'result', type: 'breakdown' }, timeRange: { last: '24h' } }),
    );
  });
});

describe('<Report>', () => {
  it('shows loading, then a donut for a breakdown, and reports the selection', async () => {
    const { client, calls } = deferredClient();
    const picked: unknown[] = [];
    setup(client, <Report definition={byResult} title="By result" onSelect={(s) => picked.push(s)} />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading');
    expect(calls[0]!.definition).toEqual(byResult);
    await act(async () => calls[0]!.resolve(breakdown));
    const slice = await screen.findByRole('button', { name: 'success: 10 (66.7%)' });
    await userEvent.click(slice);
    expect(picked).toEqual([{ view: 'breakdown', key: 'success', label: 'success' }]);
  });

  it('opens a slice on click and selects it with Space, when the host can open rows', async () => {
    const picked: unknown[] = [];
    const opened: unknown[] = [];
    const client: ReportClient = { runReport: async () => breakdown };
    setup(
      client,
      <Report
        definition={byResult}
        title="By result"
        onSelect={(s) => picked.push(s)}
        onOpen={(s) => opened.push(s)}
      />,
    );
    const slice = await screen.findByRole('button', { name: 'denied: 5 (33.3%)' });
    await userEvent.click(slice);
    await userEvent.keyboard(' ');
    expect(opened).toEqual([{ view: 'breakdown', key: 'denied', label: 'denied' }]);
    expect(picked).toEqual([{ view: 'breakdown', key: 'denied', label: 'denied' }]);
  });

  it('shows headline figures with their change against the previous period, in words as well as arrows', async () => {
    const headline: ReportResult = {
      view: 'headline',
      current: { attempts: 1500, failed: 300, failureRate: 0.2, distinctUsers: 40, countries: 5 },
      previous: {
        from: '2025-03-02T00:00:00Z',
        to: '2025-03-03T00:00:00Z',
        figures: { attempts: 1000, failed: 100, failureRate: 0.1, distinctUsers: 50, countries: 5 },
      },
      meta,
    };
    const client: ReportClient = { runReport: async () => headline };
    setup(
      client,
      <Report
        definition={{ timeRange: { last: '24h' }, view: { type: 'headline' } }}
        title="Last 24 hours"
      />,
    );
    const figure = async (key: string) => {
      const item = await waitFor(() => {
        const found = document.querySelector(`[data-figure="${key}"]`);
        if (!found) throw new Error(`no ${key} figure`);
        return found;
      });
      return item.textContent;
    };
    expect(await figure('attempts')).toBe('Attempts1,500▲ +500 (+50%)up 500 (+50%) from 1,000');
    expect(await figure('failureRate')).toBe('Failure rate20%▲ +10 pts (+100%)up 10 pts (+100%) from 10%');
    expect(await figure('distinctUsers')).toBe('Distinct users40▼ −10 (−20%)down 10 (−20%) from 50');
    expect(await figure('countries')).toBe('Countries5■ no changeno change from 5');
    expect(screen.getByText('Change against the previous period of equal length')).toBeInTheDocument();
  });

  it('keeps the previous result on screen while a changed definition loads', async () => {
    const { client, calls } = deferredClient();
    const { rerender } = setup(client, <Report definition={byResult} title="By result" />);
    await act(async () => calls[0]!.resolve(breakdown));
    await screen.findByRole('button', { name: /success/ });
    const byFactor: ReportDefinition = { ...byResult, view: { type: 'breakdown', groupBy: 'factor' } };
    rerender(
      <SightlineProvider client={client}>
        <Report definition={byFactor} title="By result" />
      </SightlineProvider>,
    );
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByRole('button', { name: /success/ })).toBeInTheDocument();
  });

  it.each([
    ['a count breakdown (donut)', breakdown, byResult],
    [
      'a failure-rate breakdown (ranked table)',
      { ...breakdown, metric: 'failure_rate', total: 0.3, minAttempts: 20 },
      { ...byResult, view: { type: 'breakdown', groupBy: 'result', metric: 'failure_rate' } },
    ],
    [
      'headline figures',
      {
        view: 'headline',
        meta,
        current: { attempts: 9, failed: 1, failureRate: 0.1, distinctUsers: 2, countries: 1 },
      },
      { ...byResult, view: { type: 'headline' } },
    ],
  ] as [string, ReportResult, ReportDefinition][])(
    'marks %s busy while a changed definition loads, and not once it has',
    async (_, result, definition) => {
      const { client, calls } = deferredClient();
      const { container, rerender } = setup(client, <Report definition={definition} title="Chart" />);
      await act(async () => calls[0]!.resolve(result));
      const figure = container.querySelector('figure')!;
      await waitFor(() => expect(figure).toHaveAttribute('data-status', 'ready'));
      expect(figure).not.toHaveAttribute('aria-busy');
      rerender(
        <SightlineProvider client={client}>
          <Report definition={{ ...definition, timeRange: { last: '7d' } }} title="Chart" />
        </SightlineProvider>,
      );
      await waitFor(() => expect(calls).toHaveLength(2));
      expect(figure).toHaveAttribute('aria-busy', 'true');
      expect(figure).toHaveAttribute('data-status', 'ready');
      await act(async () => calls[1]!.resolve(result));
      await waitFor(() => expect(figure).not.toHaveAttribute('aria-busy'));
    },
  );

  it('aborts the request when unmounted', async () => {
    const { client, calls } = deferredClient();
    const { unmount } = setup(client, <Report definition={byResult} title="By result" />);
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.signal?.aborted).toBe(false);
    unmount();
    await waitFor(() => expect(calls[0]!.signal?.aborted).toBe(true));
  });

  it('renders a stacked area for a timeseries and an alert on error', async () => {
    const timeseries: ReportResult = {
      view: 'timeseries',
      metric: 'count',
      interval: '1h',
      meta,
      series: ['success', 'denied'],
      rows: [
        { t: Date.UTC(2025, 2, 3), values: { success: 4, denied: 1 } },
        { t: Date.UTC(2025, 2, 3, 3), values: { success: 2, denied: 2 } },
      ],
    };
    const client: ReportClient = { runReport: async () => timeseries };
    const def: ReportDefinition = {
      timeRange: { last: '24h' },
      view: { type: 'timeseries', stackBy: 'result' },
    };
    const { container } = setup(client, <Report definition={def} title="Over time" />);
    await waitFor(() => expect(container.querySelectorAll('[data-series]')).toHaveLength(2));
    // The 1h interval fills the two missing hours: four rows in the hidden table, which come in a
    // deferred render after the chart's.
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(5));

    const failing: ReportClient = {
      runReport: async () => Promise.reject(new Error('Elasticsearch unavailable')),
    };
    setup(failing, <Report definition={byResult} title="Broken" />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Elasticsearch unavailable');
  });

  it('loads the map lazily for a geo report', async () => {
    const geo: ReportResult = {
      view: 'geo',
      mode: 'country',
      metric: 'count',
      meta,
      rows: [{ key: 'US', value: 10 }],
    };
    const client: ReportClient = { runReport: async () => geo };
    const def: ReportDefinition = { timeRange: { last: '24h' }, view: { type: 'geo', mode: 'country' } };
    setup(client, <Report definition={def} title="Where" />);
    expect(await screen.findByRole('figure', { name: 'Where' })).toBeInTheDocument();
    // The map's own SVG appears once the lazy chunk (and its world topology) has loaded.
    expect(await screen.findByLabelText('Where, map', {}, { timeout: 10_000 })).toBeInTheDocument();
  });

  it('draws a failure-rate breakdown as ranked bars in percent, never as a donut of rates', async () => {
    const rates: ReportResult = {
      view: 'breakdown',
      metric: 'failure_rate',
      total: 0.3,
      minAttempts: 20,
      meta,
      rows: [
        { key: 'sms', label: 'sms', value: 0.25 },
        { key: 'duo_push', label: 'duo_push', value: 0.05 },
      ],
    };
    const picked: unknown[] = [];
    const client: ReportClient = { runReport: async () => rates };
    const def: ReportDefinition = {
      timeRange: { last: '24h' },
      view: { type: 'breakdown', groupBy: 'factor', metric: 'failure_rate' },
    };
    const { container } = setup(
      client,
      <Report
        definition={def}
        title="Failure rate by factor"
        locale="en-US"
        onSelect={(s) => picked.push(s)}
      />,
    );
    await screen.findByRole('columnheader', { name: 'Failure rate' });
    expect(container.querySelector('svg path[data-key]')).toBeNull();
    expect(screen.getByRole('columnheader', { name: 'Factor' })).toBeInTheDocument();
    expect(screen.getAllByRole('row').map((r) => r.textContent)).toEqual([
      'FactorFailure rate',
      'sms25%',
      'duo_push5%',
    ]);
    expect(screen.getByText(/fewer than 20 attempts are not ranked/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'sms' }));
    expect(picked).toEqual([{ view: 'breakdown', key: 'sms', label: 'sms' }]);
  });

  it('names its columns from the field catalog and the metric, and gives each result its colour by meaning', async () => {
    const onlyDenied: ReportResult = {
      ...breakdown,
      total: 5,
      rows: [{ key: 'denied', label: 'denied', value: 5 }],
    };
    const both: ReportClient = { runReport: async () => breakdown };
    const one: ReportClient = { runReport: async () => onlyDenied };
    const first = setup(both, <Report definition={byResult} title="All results" />);
    await screen.findByRole('button', { name: /denied/ });
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Result',
      'Attempts',
      'Share',
    ]);
    const fillOf = (root: HTMLElement) => root.querySelector('path[data-key="denied"]')?.getAttribute('fill');
    const everywhere = fillOf(first.container);
    const second = setup(one, <Report definition={byResult} title="Denied only" />);
    await waitFor(() => expect(fillOf(second.container)).toBeDefined());
    expect(fillOf(second.container)).toBe(everywhere);
    expect(everywhere).toBe(colorsFor('result')('denied'));
  });
});
