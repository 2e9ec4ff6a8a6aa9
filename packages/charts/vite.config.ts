import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };
import { pureD3 } from './pureD3';

// Peers and the query API stay imports. The d3 modules are bundled in: their published ESM is one flat
// file per package that esbuild-based bundlers cannot tree-shake (a pie would pull in all of d3-shape),
// while Rolldown here keeps only the functions each entry uses.
const external = [
  ...Object.keys(pkg.peerDependencies),
  '@sightline/query-api',
  'world-atlas',
  'react/jsx-runtime',
];

export default defineConfig({
  plugins: [pureD3()],
  resolve: {
    // TanStack Store reaches React through the use-sync-external-store shim, a polyfill for React < 18;
    // our peer range starts at 18, whose built-in hook the non-shim entry uses.
    alias: { 'use-sync-external-store/shim/with-selector': 'use-sync-external-store/with-selector' },
  },
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
