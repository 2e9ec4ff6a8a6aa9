import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './layout/narrow.css';

/** Renders the dashboard into #root. */
export function mount(): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
