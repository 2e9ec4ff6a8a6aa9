import { defineConfig } from 'vite';
import { libraryBuild } from '../../scripts/library-build';
import pkg from './package.json' with { type: 'json' };

// One file per source module (see the schema package's build); the schema package stays an import.
export default defineConfig({
  build: libraryBuild({
    entry: { index: 'src/index.ts' },
    external: Object.keys(pkg.dependencies),
    preserveModules: true,
  }),
});
