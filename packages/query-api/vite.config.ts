import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// The published build: plain ES modules for Node 20, every dependency (the schema package among
// them) left an import.
const external = [...Object.keys(pkg.dependencies), ...builtinModules];

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    target: 'node20',
    rollupOptions: {
      input: {
        server: 'src/server/index.ts',
        webhooks: 'src/alerts/webhooks.ts',
        cli: 'src/cli/main.ts',
        api: 'src/server/main.ts',
      },
      external: (id) =>
        id.startsWith('node:') || external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // The two programs, `sightline` and `sightline-api`, run as bins.
        banner: (chunk) =>
          chunk.isEntry && ['cli', 'api'].includes(chunk.name) ? '#!/usr/bin/env node' : '',
      },
    },
  },
});
