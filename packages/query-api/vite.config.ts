import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// The published build: plain ES modules for Node 20 and browsers, every dependency left an import.
// The browser-safe entries (schema, reports, client) share chunks only with each other, never with
// the server, the API program or the CLI, which read Node's built-ins, Elasticsearch, Kafka and MariaDB.
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
        schema: 'src/schema/index.ts',
        reports: 'src/reports/index.ts',
        client: 'src/client/index.ts',
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
