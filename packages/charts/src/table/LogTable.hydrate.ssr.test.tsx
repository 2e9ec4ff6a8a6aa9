import { describe, expect, it } from 'vitest';
import { LogTable } from './LogTable';
import { columnsFromFields } from './columns';
import { authLog, type AuthLogRow } from './fixtures/authLog';
import { hydrateServerHtml } from '../shared/test-support';

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
    const { container, errors, logged } = await hydrateServerHtml(element);
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
    expect(container.querySelectorAll('[role="gridcell"]').length).toBeGreaterThan(30);
    container.remove();
  });
});
