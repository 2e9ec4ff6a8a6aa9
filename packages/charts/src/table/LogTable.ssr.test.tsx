// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LogTable } from './LogTable';
import { columnsFromFields } from './columns';
import { authLog, type AuthLogRow } from './fixtures/authLog';

// Rendered where a server renders: no window, no document. A `window` access during render throws
// here. Hydration needs a DOM and is checked in LogTable.hydrate.ssr.test.tsx.

const columns = columnsFromFields<AuthLogRow>([
  { id: 'ts', label: 'Time', type: 'date' },
  { id: 'user.name', label: 'User', type: 'keyword' },
  { id: 'result', label: 'Result', type: 'keyword' },
]);
const rows = authLog(1_000);

/** Each body row's markup, from its opening tag to the next row's (rows hold no nested rows). */
const bodyRows = (html: string) =>
  html
    .split(/(?=<div\b[^>]*\srole="row")/)
    .filter(
      (chunk) => /^<div\b[^>]*\srole="row"/.test(chunk) && !/^<div\b[^>]*aria-rowindex="1"/.test(chunk),
    );

describe('LogTable rendered on a server', { timeout: 30_000 }, () => {
  it('runs without a DOM', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('renders the grid with the first window of real rows', () => {
    const html = renderToString(
      <LogTable title="Auth log" rows={rows} columns={columns} getRowId={(r) => r.txid} height={420} />,
    );
    expect(html).toMatch(/role="grid"[^>]*aria-rowcount="1001"/);
    const body = bodyRows(html);
    expect(body.length).toBeGreaterThanOrEqual(12);
    expect(body.length).toBeLessThan(40);
    expect(body[0]).toContain('2024-05-01 00:00:00 UTC');
    expect(body[0]).toContain(rows[0]!.user.name);
    expect(html.match(/role="columnheader"/g)).toHaveLength(3);
  });
});
