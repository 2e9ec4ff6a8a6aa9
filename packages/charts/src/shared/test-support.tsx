/** Test helpers shared by the charts' tests. */
import { act, type ReactElement } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { vi } from 'vitest';

/** What hydrating server HTML produced: the live container, and any hydration errors or logged warnings. */
export interface Hydrated {
  container: HTMLDivElement;
  /** Recoverable errors React reported (a mismatch it had to re-render on the client). */
  errors: unknown[];
  /** Console errors during hydration: attribute mismatches are only logged, never thrown. */
  logged: string[];
  /** The container as it was before hydration, to compare the markup the server sent. */
  serverHtml: string;
}

/** Renders `element` to a string, puts it in the document and hydrates it with the same element. */
export async function hydrateServerHtml(element: ReactElement): Promise<Hydrated> {
  const container = document.createElement('div');
  const serverHtml = renderToString(element);
  container.innerHTML = serverHtml;
  document.body.append(container);
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  const errors: unknown[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
  let logged: string[];
  try {
    await act(async () => {
      hydrateRoot(container, element, { onRecoverableError: (error) => errors.push(error) });
    });
  } finally {
    // Read before restoring: restoring a spy also forgets its calls.
    logged = spy.mock.calls.map((c) => String(c[0]).slice(0, 300));
    spy.mockRestore();
  }
  return { container, errors, logged, serverHtml };
}
