import { act, renderHook, waitFor } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { SightlineProvider } from './SightlineProvider';
import type { FindingsClient, ReportClient, StoredFinding } from './types';
import { findingsOf, useFindings, useFindingStatus } from './useFindings';

const finding = (id: string, lastSeen: string): StoredFinding => ({
  id,
  customer: 'acme',
  type: 'brute_force',
  severity: 'high',
  score: 70,
  reason: '6 invalid passcodes in 9 minutes',
  user: 'ana',
  address: '192.0.2.7',
  firstSeen: '2026-11-20T10:00:00.000Z',
  lastSeen,
  evidence: ['t1', 't2'],
  evidenceCount: 2,
  details: {
    subject: 'user',
    failures: 6,
    invalidPasscodes: 6,
    minutes: 9,
    succeededBy: null,
    users: ['ana'],
  },
  status: 'open',
  updatedAt: lastSeen,
  statusChangedAt: null,
  statusChangedBy: null,
});

const first = finding('a'.repeat(32), '2026-11-20T10:09:00.000Z');
const second = finding('b'.repeat(32), '2026-11-20T09:00:00.000Z');

function setup(setFindingStatus: FindingsClient['setFindingStatus']) {
  const client: ReportClient & FindingsClient = {
    runReport: () => Promise.reject(new Error('no reports here')),
    findings: (params = {}) =>
      Promise.resolve(
        params.cursor
          ? { findings: [second], nextCursor: null }
          : { findings: [first], nextCursor: 'page-2' },
      ),
    setFindingStatus,
  };
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <SightlineProvider client={client} queryClient={queryClient}>
      {children}
    </SightlineProvider>
  );
  return renderHook(() => ({ list: useFindings({ status: ['open'] }), change: useFindingStatus() }), {
    wrapper,
  });
}

describe('useFindings and useFindingStatus', () => {
  it('reads findings page by page, each page with the previous one’s cursor', async () => {
    const { result } = setup(() => Promise.reject(new Error('unused')));
    await waitFor(() => expect(findingsOf(result.current.list.data)).toEqual([first]));
    expect(result.current.list.hasNextPage).toBe(true);
    await act(() => result.current.list.fetchNextPage());
    await waitFor(() => expect(findingsOf(result.current.list.data)).toEqual([first, second]));
    expect(result.current.list.hasNextPage).toBe(false);
  });

  it('shows a new status at once, then the finding as the API stored it', async () => {
    let answer: (value: { finding: StoredFinding; muted: boolean }) => void = () => undefined;
    const { result } = setup(() => new Promise((resolve) => (answer = resolve)));
    await waitFor(() => expect(findingsOf(result.current.list.data)).toHaveLength(1));
    act(() => result.current.change.mutate({ id: first.id, change: { status: 'suspicious' } }));
    await waitFor(() => expect(findingsOf(result.current.list.data)[0]?.status).toBe('suspicious'));
    const stored = { ...first, status: 'suspicious' as const, statusChangedBy: 'admin' };
    act(() => answer({ finding: stored, muted: false }));
    await waitFor(() => expect(findingsOf(result.current.list.data)[0]?.statusChangedBy).toBe('admin'));
  });

  it('puts the old status back and reports the error when the change is refused', async () => {
    const { result } = setup(() => Promise.reject(new Error('Elasticsearch is unavailable')));
    await waitFor(() => expect(findingsOf(result.current.list.data)).toHaveLength(1));
    act(() => result.current.change.mutate({ id: first.id, change: { status: 'dismissed' } }));
    await waitFor(() => expect(result.current.change.isError).toBe(true));
    expect(result.current.change.error?.message).toBe('Elasticsearch is unavailable');
    expect(findingsOf(result.current.list.data)[0]?.status).toBe('open');
  });
});
