import { defineConfig } from 'vite';
import { libraryBuild } from '../../scripts/library-build';
import pkg from './package.json' with { type: 'json' };

// One file per source module: an app's bundler then drops every module it does not use, so a chart
// that needs an interval length does not ship the record's zod schema (a zod schema is built when its
// module loads, which no bundler can prove free of effects). zod stays an import the app resolves once.
export default defineConfig({
  build: libraryBuild({
    entry: {
      index: 'src/index.ts',
      reports: 'src/reports/index.ts',
      api: 'src/api/index.ts',
      'api-schemas': 'src/api-schemas/index.ts',
    },
    external: Object.keys(pkg.dependencies),
    preserveModules: true,
  }),
});
