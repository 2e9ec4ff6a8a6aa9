import { act } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { LogTable } from './LogTable';
import { columnsFromFields } from './columns';
import { authLog, type AuthLogRow } from './fixtures/authLog';

const columns = columnsFromFields<AuthLogRow>([
  { id: 'ts', label: 'Time', type: 'date' },
  { id: 'user.name', label: 'User', type: 'keyword' },
  { id: 'result', label: 'Result', type: 'keyword' },
]);
const rows = authLog(1_000);

// Hydration needs a DOM, so this stays in jsdom; the server render itself is checked without one in
// LogTable.ssr.test.tsx.
describe('LogTable hydrating server HTML', { timeout: 30_000 }, () => {
  it('hydrates without recoverable errors', async () => {
    const element = (
      <LogTable
        title="Auth log"
        rows={rows}
        columns={columns}
        getRowId={(r) => r.txid}
        hasMore
        onLoadMore={() => {}}
      />
    );
    const container = document.createElement('div');
    container.innerHTML = renderToString(element);
    document.body.append(container);
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    const errors: unknown[] = [];
    // Attribute mismatches are only logged, not thrown: watch the console too.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await act(async () => {
      hydrateRoot(container, element, { onRecoverableError: (error) => errors.push(error) });
    });
    expect(errors).toEqual([]);
    expect(logged.mock.calls.map((c) => String(c[0]).slice(0, 300))).toEqual([]);
    logged.mockRestore();
    expect(container.querySelectorAll('[role="gridcell"]').length).toBeGreaterThan(30);
    container.remove();
  });
});
