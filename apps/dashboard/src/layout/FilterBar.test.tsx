import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(cleanup);
import { removeFilter, type DashboardFilter } from '../state/filters';
import { FilterBar } from './FilterBar';

const labelOf = (field: string) => ({ result: 'Result', 'user.name': 'User' })[field] ?? field;

describe('the filter bar', () => {
  it('says how to filter when there are no pills', () => {
    render(<FilterBar filters={[]} labelOf={labelOf} onRemove={vi.fn()} onClear={vi.fn()} />);
    expect(screen.getByRole('region', { name: 'Active filters' }).textContent).toMatch(/Click a slice/);
  });

  it('gives each pill a remove button named after its condition', () => {
    const onRemove = vi.fn();
    const onClear = vi.fn();
    render(
      <FilterBar
        filters={[
          { kind: 'is', field: 'result', values: ['denied', 'fraud'] },
          { kind: 'search', field: 'user.name', text: 'ali' },
        ]}
        labelOf={labelOf}
        onRemove={onRemove}
        onClear={onClear}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove filter: User contains “ali”' }));
    expect(onRemove).toHaveBeenCalledWith({ kind: 'search', field: 'user.name', text: 'ali' });
    fireEvent.click(screen.getByRole('button', { name: 'Clear all filters' }));
    expect(onClear).toHaveBeenCalled();
    expect(screen.getAllByTestId('filter-pill').map((p) => p.textContent)).toEqual([
      expect.stringContaining('Result is any of denied, fraud'),
      expect.stringContaining('User contains “ali”'),
    ]);
  });

  describe('where focus goes', () => {
    const three: DashboardFilter[] = [
      { kind: 'is', field: 'result', values: ['denied'] },
      { kind: 'is', field: 'factor', values: ['push'] },
      { kind: 'search', field: 'user.name', text: 'ali' },
    ];
    /** The bar over filters kept in state, as the page keeps them in the URL. */
    function Bar() {
      const [filters, setFilters] = useState(three);
      return (
        <FilterBar
          filters={filters}
          labelOf={labelOf}
          onRemove={(filter) => setFilters((f) => removeFilter(f, filter))}
          onClear={() => setFilters([])}
        />
      );
    }
    const focusedName = () => document.activeElement?.getAttribute('aria-label');

    it('moves to the next pill after a pill is removed, then the one before, then the bar', async () => {
      render(<Bar />);
      const user = userEvent.setup();
      await user.click(screen.getByRole('button', { name: 'Remove filter: Result is denied' }));
      expect(focusedName()).toBe('Remove filter: factor is push');
      await user.keyboard('{Enter}');
      expect(focusedName()).toBe('Remove filter: User contains “ali”');
      await user.keyboard('{Enter}');
      expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Active filters' }));
      expect(document.activeElement).not.toBe(document.body);
    });

    it('moves to the previous pill when the last one is removed', async () => {
      render(<Bar />);
      await userEvent
        .setup()
        .click(screen.getByRole('button', { name: 'Remove filter: User contains “ali”' }));
      expect(focusedName()).toBe('Remove filter: factor is push');
    });

    it('moves to the pill that followed the removed one even when a change made meanwhile moved it', async () => {
      // Another change lands with the removal: the first pill goes too, so positions shift by one.
      function Shifting() {
        const [filters, setFilters] = useState<DashboardFilter[]>([
          ...three,
          { kind: 'is', field: 'application.name', values: ['CRM'] },
        ]);
        return (
          <FilterBar
            filters={filters}
            labelOf={labelOf}
            onRemove={(filter) => setFilters((f) => removeFilter(removeFilter(f, f[0]!), filter))}
            onClear={() => setFilters([])}
          />
        );
      }
      render(<Shifting />);
      await userEvent.setup().click(screen.getByRole('button', { name: 'Remove filter: factor is push' }));
      expect(focusedName()).toBe('Remove filter: User contains “ali”');
    });

    it('moves to the filter bar after clearing every filter', async () => {
      render(<Bar />);
      await userEvent.setup().click(screen.getByRole('button', { name: 'Clear all filters' }));
      expect(screen.queryAllByTestId('filter-pill')).toEqual([]);
      expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Active filters' }));
    });
  });
});
