import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };
import { pureD3 } from './pureD3';

// What the package declares stays an import, resolved and deduplicated by the app that installs it:
// peers (React, React Query, the query API's browser-safe schema) and dependencies (TanStack Table and
// Virtual, TopoJSON, the world atlas). The d3 modules are bundled instead and so not declared: their
// published ESM is one flat file per package whose top-level calls no bundler can prove pure, so an
// app's build would keep every curve of d3-shape for one pie; here pureD3 marks them and only the
// functions each entry uses remain.
const external = [...Object.keys(pkg.peerDependencies), ...Object.keys(pkg.dependencies)];

export default defineConfig({
  plugins: [pureD3()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    lib: {
      formats: ['es'],
      entry: {
        index: 'src/index.ts',
        donut: 'src/donut/index.ts',
        'stacked-area': 'src/stacked-area/index.ts',
        geo: 'src/geo/index.ts',
        headline: 'src/headline/index.ts',
        table: 'src/table/index.ts',
        connected: 'src/connected/index.ts',
      },
    },
    rollupOptions: {
      external: (id) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
