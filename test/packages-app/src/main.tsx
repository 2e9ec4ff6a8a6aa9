import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@sightline/charts/theme.css';
import { charts } from './charts';
import { fieldCount } from './client';

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <p>{fieldCount} fields</p>
    {Object.entries(charts).map(([name, chart]) => (
      <section key={name}>{chart}</section>
    ))}
  </StrictMode>,
);
