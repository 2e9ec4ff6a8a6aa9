import { defineConfig } from 'vite';
import { libraryBuild } from '../../scripts/library-build';
import pkg from './package.json' with { type: 'json' };
import { pureD3 } from './pureD3';

// What the package declares stays an import, resolved and deduplicated by the app that installs it:
// peers (React, React Query, the typed client) and dependencies (the schema, TanStack Table and
// Virtual, TopoJSON, the world atlas). The d3 modules are bundled instead and so not declared: their
// published ESM is one flat file per package whose top-level calls no bundler can prove pure, so an
// app's build would keep every curve of d3-shape for one pie; here pureD3 marks them and only the
// functions each entry uses remain.
const external = [...Object.keys(pkg.peerDependencies), ...Object.keys(pkg.dependencies)];

export default defineConfig({
  plugins: [pureD3()],
  build: libraryBuild({
    entry: {
      index: 'src/index.ts',
      donut: 'src/donut/index.ts',
      'stacked-area': 'src/stacked-area/index.ts',
      geo: 'src/geo/index.ts',
      headline: 'src/headline/index.ts',
      table: 'src/table/index.ts',
      connected: 'src/connected/index.ts',
    },
    external,
  }),
});
