import { SightlineApiError, type FindingAuditEntry, type SightlineClient } from '@sightline/client';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { renderPage } from '../api/test-support';
import { FindingsAuditPage } from './FindingsAuditPage';

afterEach(cleanup);

const ANA = 'a'.repeat(32);
const BO = 'b'.repeat(32);
const entry = (over: Partial<FindingAuditEntry>): FindingAuditEntry => ({
  id: 'e1',
  token: 'ops-admin',
  customer: 'acme',
  finding: ANA,
  type: 'push_fatigue',
  user: 'ana',
  at: '2026-11-20T10:00:00.000Z',
  from: 'open',
  to: 'suspicious',
  mute: null,
  note: null,
  ...over,
});

describe('the findings audit page', () => {
  it('lists who changed which finding when, from what to what, and the mutes, paging on request', async () => {
    let audit!: MockInstance<SightlineClient['findingsAudit']>;
    const { update } = renderPage('findingsAudit', <FindingsAuditPage />, {
      state: { time: { from: '2026-11-20T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' } },
      stub: (client) => {
        audit = vi
          .spyOn(client, 'findingsAudit')
          .mockResolvedValueOnce({
            entries: [
              entry({
                id: 'e2',
                at: '2026-11-20T11:00:00.000Z',
                finding: BO,
                type: 'brute_force',
                user: 'bo',
                from: 'open',
                to: 'dismissed',
                mute: true,
                note: 'known tester',
              }),
              entry({ id: 'e1' }),
            ],
            next: 'cursor-2',
          })
          .mockResolvedValueOnce({
            entries: [entry({ id: 'e0', at: '2026-11-20T09:00:00.000Z', token: 'night-admin' })],
            next: null,
          });
      },
    });
    const rows = await screen.findAllByRole('row');
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent);
    expect(cells(rows[1]!)).toEqual([
      'Nov 20, 2026, 11:00:00 UTC',
      'ops-admin',
      'Passcode guessing bbbbbbbb',
      'bo',
      'Open → Dismissed',
      'Muted for bo',
      'known tester',
    ]);
    expect(cells(rows[2]!)).toEqual([
      'Nov 20, 2026, 10:00:00 UTC',
      'ops-admin',
      'Push fatigue aaaaaaaa',
      'ana',
      'Open → Suspicious',
      '',
      '',
    ]);
    expect(audit.mock.calls[0]![0]).toEqual({
      from: '2026-11-20T00:00:00.000Z',
      to: '2026-11-21T00:00:00.000Z',
      limit: 50,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Load 50 older changes' }));
    expect(await screen.findByText('night-admin')).toBeTruthy();
    expect(audit.mock.calls[1]![0]).toMatchObject({ after: 'cursor-2' });
    expect(screen.queryByRole('button', { name: /older changes/ })).toBeNull();
    // Each finding links to its own history.
    expect(
      screen.getByRole('link', { name: `bbbbbbbb: history of finding ${BO}` }).getAttribute('href'),
    ).toContain(`finding=${BO}`);

    fireEvent.change(screen.getByLabelText('Findings about user'), { target: { value: ' ana ' } });
    fireEvent.change(screen.getByLabelText('Changed by (token name)'), { target: { value: 'ops-admin' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    const next = update.mock.calls[0]![0] as (s: object) => { auditFilter: unknown };
    expect(next({}).auditFilter).toEqual({ user: 'ana', changedBy: 'ops-admin' });
  });

  it('shows one finding’s whole history, whatever the range', async () => {
    let audit!: MockInstance<SightlineClient['findingsAudit']>;
    renderPage('findingsAudit', <FindingsAuditPage />, {
      state: { auditFilter: { finding: ANA } },
      stub: (client) => {
        audit = vi.spyOn(client, 'findingsAudit').mockResolvedValue({ entries: [entry({})], next: null });
      },
    });
    await screen.findByRole('row', { name: /ops-admin/ });
    expect(screen.getByText(/The whole history of finding/).textContent).toContain('(Push fatigue)');
    expect(audit.mock.calls[0]![0]).toEqual({ finding: ANA, limit: 50 });
    expect(screen.getByRole('link', { name: 'Show every finding’s changes' })).toBeTruthy();
  });

  it('shows the API’s errors with the error state, and tells a customer token the page is for admins', async () => {
    renderPage('findingsAudit', <FindingsAuditPage />, {
      stub: (client) => {
        vi.spyOn(client, 'findingsAudit').mockRejectedValue(
          new SightlineApiError(503, 'unavailable', 'Elasticsearch is unavailable'),
        );
      },
    });
    // A 5xx is tried once more before the page gives up.
    expect((await screen.findByRole('alert', {}, { timeout: 5000 })).textContent).toContain(
      'The data store is unavailable',
    );
    cleanup();

    let audit!: MockInstance<SightlineClient['findingsAudit']>;
    renderPage('findingsAudit', <FindingsAuditPage />, {
      admin: false,
      stub: (client) => (audit = vi.spyOn(client, 'findingsAudit')),
    });
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The findings audit is for admin tokens/);
    expect(audit).not.toHaveBeenCalled();
  });
});
