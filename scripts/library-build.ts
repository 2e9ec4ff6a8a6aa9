import type { BuildEnvironmentOptions } from 'vite';

export interface LibraryBuildOptions {
  /** Entry points by output name: `{ index: 'src/index.ts' }` builds dist/index.js. */
  entry: Record<string, string>;
  /** Packages left as imports, with their subpaths: what the package declares, resolved by the app. */
  external: string[];
  /**
   * One output file per source module, so that with `sideEffects: false` an app's bundler drops each
   * module it does not use; otherwise shared code goes to hashed chunks.
   */
  preserveModules?: boolean;
}

/**
 * The build of a workspace library for browsers and Node: ES modules into dist/ with source maps,
 * not minified (the installing app minifies), its declared packages left as imports.
 */
export function libraryBuild({ entry, external, preserveModules = false }: LibraryBuildOptions) {
  return {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    lib: { formats: ['es'], entry },
    rollupOptions: {
      external: (id: string) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      output: preserveModules
        ? { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' }
        : { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  } satisfies BuildEnvironmentOptions;
}
