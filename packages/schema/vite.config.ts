import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// Plain ES modules for browsers and Node, one file per source module: with `sideEffects: false`, an
// app's bundler then drops every module it does not use, so a chart that needs an interval length
// does not ship the record's zod schema (a zod schema is built when its module loads, which no
// bundler can prove free of effects). zod stays an import the installing app resolves once.
const external = Object.keys(pkg.dependencies);

export default defineConfig({
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
        reports: 'src/reports/index.ts',
        api: 'src/api/index.ts',
        'api-schemas': 'src/api-schemas/index.ts',
      },
    },
    rollupOptions: {
      external: (id) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
    },
  },
});
