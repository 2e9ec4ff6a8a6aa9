import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(cleanup);
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
    expect(onRemove).toHaveBeenCalledWith(1);
    fireEvent.click(screen.getByRole('button', { name: 'Clear all filters' }));
    expect(onClear).toHaveBeenCalled();
    expect(screen.getAllByTestId('filter-pill').map((p) => p.textContent)).toEqual([
      expect.stringContaining('Result is any of denied, fraud'),
      expect.stringContaining('User contains “ali”'),
    ]);
  });
});
