import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// Plain ES modules for browsers and Node, one file per source module (see the schema package's
// build); the schema package stays an import.
const external = Object.keys(pkg.dependencies);

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    lib: { formats: ['es'], entry: { index: 'src/index.ts' } },
    rollupOptions: {
      external: (id) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
    },
  },
});
