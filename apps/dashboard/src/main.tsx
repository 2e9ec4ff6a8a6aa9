import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@sightline/charts/theme.css';
import './layout/app.css';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
