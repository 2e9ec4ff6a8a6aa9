import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(cleanup);
import { TimePicker } from './TimePicker';

describe('the time picker', () => {
  it('switches presets', () => {
    const onChange = vi.fn();
    render(<TimePicker time={{ last: '24h' }} timeZone="UTC" onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Time range'), { target: { value: '7d' } });
    expect(onChange).toHaveBeenCalledWith({ last: '7d' });
  });

  it('reads a custom range as wall-clock times in the page’s zone', () => {
    const onChange = vi.fn();
    render(<TimePicker time={{ last: '24h' }} timeZone="Europe/Berlin" onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Time range'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-07-01T09:00' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-07-01T17:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onChange).toHaveBeenCalledWith({
      from: '2026-07-01T07:00:00.000Z',
      to: '2026-07-01T15:30:00.000Z',
    });
  });

  it('refuses a range that ends before it starts, and says why', () => {
    const onChange = vi.fn();
    render(<TimePicker time={{ last: '1h' }} timeZone="UTC" onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Time range'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-07-02T00:00' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-07-01T00:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/start before the end/);
  });
});
