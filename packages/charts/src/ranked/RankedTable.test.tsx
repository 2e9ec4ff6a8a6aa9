import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { RankedTable } from './RankedTable';

const rows = [
  { key: 'vpn', label: 'VPN', value: 40 },
  { key: 'mail', label: 'Mail', value: 10 },
  { key: '__other__', label: 'Other', value: 20, isOther: true },
];

describe('<RankedTable>', () => {
  it('draws each value as a bar proportional to the largest, with the formatted value beside it', () => {
    const { container } = render(
      <RankedTable
        rows={rows}
        caption="By application"
        categoryHeader="Application"
        valueHeader="Attempts"
      />,
    );
    expect(screen.getByRole('table', { name: 'By application' })).toBeInTheDocument();
    const widths = [...container.querySelectorAll<HTMLElement>('.sl-ranked__bar')].map((b) => b.style.width);
    expect(widths).toEqual(['100%', '25%', '50%']);
    expect(screen.getAllByRole('row').map((r) => r.textContent)).toEqual([
      'ApplicationAttempts',
      'VPN40',
      'Mail10',
      'Other20',
    ]);
  });

  it('lets each name but "Other" select its key, and says which one is chosen', async () => {
    const picked: string[] = [];
    render(
      <RankedTable
        rows={rows}
        caption="By application"
        categoryHeader="Application"
        valueHeader="Attempts"
        selectedKey="mail"
        onSelect={(key) => picked.push(key)}
      />,
    );
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['VPN', 'Mail']);
    expect(screen.getByRole('button', { name: 'Mail' })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'VPN' }));
    expect(picked).toEqual(['vpn']);
  });

  it('draws values through renderValue, with the text it would have shown', () => {
    render(
      <RankedTable
        rows={rows.slice(0, 1)}
        caption="By application"
        categoryHeader="Application"
        valueHeader="Attempts"
        formatValue={(v) => `${v} attempts`}
        renderValue={(row, text) => <a href={`#${row.key}`}>{text}</a>}
      />,
    );
    const cell = screen.getAllByRole('cell')[0]!;
    expect(within(cell).getByRole('link', { name: '40 attempts' })).toHaveAttribute('href', '#vpn');
  });
});
