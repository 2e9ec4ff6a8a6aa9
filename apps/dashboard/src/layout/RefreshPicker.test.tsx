import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeState, defaultState, encodeState } from '../state/urlState';
import { RefreshPicker } from './RefreshPicker';

afterEach(cleanup);

describe('live mode in the refresh picker', () => {
  it('is offered, and chosen like any other interval', () => {
    const onChange = vi.fn();
    render(<RefreshPicker value="off" fetching={false} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Auto-refresh'), { target: { value: 'live' } });
    expect(onChange).toHaveBeenCalledWith('live');
    expect(screen.getByRole('option', { name: 'Live (every 5 s)' })).toBeTruthy();
  });

  it('is kept in the URL, so reload and shared links stay live', () => {
    const href = encodeState({ ...defaultState('UTC'), refresh: 'live' });
    expect(href).toContain('refresh=live');
    const url = new URL(href, 'http://dashboard.test');
    expect(decodeState(url.pathname, url.search, 'UTC').state.refresh).toBe('live');
  });

  it('does not announce each 5-second refetch to screen readers, as slower intervals do', () => {
    const { rerender } = render(<RefreshPicker value="30s" fetching onChange={() => {}} />);
    expect(screen.getByRole('status').textContent).toBe('Updating…');
    rerender(<RefreshPicker value="live" fetching onChange={() => {}} />);
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
