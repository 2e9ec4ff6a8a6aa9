import '@sightline/charts/theme.css';
import './layout/app.css';
import { startFirstRequests } from './firstRequests';

// This entry is small on purpose: the page's reports are asked for first, and React, the charts and
// the rest of the app (a chunk several times this size) are fetched and parsed while they run.
startFirstRequests();
void import('./mount').then(({ mount }) => mount());
