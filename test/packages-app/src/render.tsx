import { renderToString } from 'react-dom/server';
import { GeoMap, loadWorldTopology } from '@sightline/charts/geo';
import { charts } from './charts';

// Server rendering, as a Node app that installed the packages does it: prints each chart's markup,
// the map with the world geometry loaded first (it renders a loading state until it has it).
const topology = await loadWorldTopology();
const markup = Object.fromEntries(
  Object.entries({
    ...charts,
    geo: <GeoMap title="Attempts by country" rows={[{ key: 'DE', value: 120 }]} topology={topology} />,
  }).map(([name, chart]) => [name, renderToString(chart)]),
);
process.stdout.write(JSON.stringify(markup));
