import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useDashboardState } from './useDashboardState';

/** Shows the page filters from the URL; its buttons change them the two ways the dashboard does. */
function Page() {
  const { state, update } = useDashboardState();
  const add = (transition: boolean) =>
    update((s) => ({ ...s, filters: [...s.filters, { kind: 'is', field: 'result', values: ['denied'] }] }), {
      transition,
    });
  return (
    <>
      <output>{state.filters.length} filters</output>
      <button onClick={() => add(false)}>at once</button>
      <button onClick={() => add(true)}>as a transition</button>
      <button
        onClick={() =>
          update(
            (s) => ({
              ...s,
              filters: [
                ...s.filters,
                { kind: 'is', field: 'access_device.location.country_code', values: ['US'] },
              ],
            }),
            { transition: true },
          )
        }
      >
        US as a transition
      </button>
    </>
  );
}

const reactGlobals = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };

beforeEach(() => window.history.replaceState(null, '', '/?last=24h&tz=UTC'));
afterEach(() => {
  cleanup();
  reactGlobals.IS_REACT_ACT_ENVIRONMENT = true;
});

describe('the page state follows the address', () => {
  it('a change from an input renders within its event, before the browser paints, as a controlled input needs', async () => {
    render(<Page />);
    // Outside act(), so React schedules its work as in a browser instead of flushing it here.
    reactGlobals.IS_REACT_ACT_ENVIRONMENT = false;
    screen.getByRole('button', { name: 'at once' }).click();
    await Promise.resolve();
    expect(screen.getByRole('status').textContent).toBe('1 filters');
    expect(new URLSearchParams(window.location.search).getAll('f.result')).toEqual(['denied']);
  });

  it('a cross-filter renders as a transition: after its event returns, in slices that let the page paint', async () => {
    render(<Page />);
    reactGlobals.IS_REACT_ACT_ENVIRONMENT = false;
    screen.getByRole('button', { name: 'as a transition' }).click();
    await Promise.resolve();
    expect(new URLSearchParams(window.location.search).getAll('f.result')).toEqual(['denied']);
    expect(screen.getByRole('status').textContent).toBe('0 filters');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('1 filters'));
  });

  it('a second change while a cross-filter still renders builds on the first instead of undoing it', async () => {
    render(<Page />);
    reactGlobals.IS_REACT_ACT_ENVIRONMENT = false;
    screen.getByRole('button', { name: 'as a transition' }).click();
    screen.getByRole('button', { name: 'US as a transition' }).click();
    const params = new URLSearchParams(window.location.search);
    expect(params.getAll('f.result')).toEqual(['denied']);
    expect(params.getAll('f.access_device.location.country_code')).toEqual(['US']);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('2 filters'));
  });

  it('back and forward (popstate) bring the state they point to', async () => {
    render(<Page />);
    fireEvent.click(screen.getByRole('button', { name: 'at once' }));
    act(() => {
      window.history.replaceState(null, '', '/?last=24h&tz=UTC');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(screen.getByRole('status').textContent).toBe('0 filters');
  });

  it('every reader of the address learns of a change in the same render', () => {
    render(
      <>
        <Page />
        <Page />
      </>,
    );
    fireEvent.click(screen.getAllByRole('button', { name: 'at once' })[0]!);
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toEqual(['1 filters', '1 filters']);
  });
});
