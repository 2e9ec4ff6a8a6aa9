import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { workspaceSources } from '../../scripts/source-condition';

// In development the API runs on its own port; in production it serves this build itself, same origin.
const apiTarget = process.env.SIGHTLINE_API_URL ?? 'http://127.0.0.1:8787';

/** Chunks the first page needs that only a dynamic import names: the app itself and the map's geometry. */
const PRELOAD = [/\/src\/mount\.tsx$/, /\/world-atlas\/countries-110m\.json$/];

/**
 * The entry only starts the page's requests and then imports the app (src/mount.tsx), whose map then
 * imports the world geometry. Without a hint the browser would fetch each only when its import runs,
 * the geometry behind the page's report requests on the six connections it opens to a host: the page
 * names them, and their styles, up front so everything downloads at once.
 */
function preloadChunks(): Plugin {
  return {
    name: 'sightline:preload-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).filter(
          (output) => output.type === 'chunk' && PRELOAD.some((re) => re.test(output.facadeModuleId ?? '')),
        );
        return chunks.flatMap((chunk) => {
          if (chunk.type !== 'chunk') return [];
          const css = [...(chunk.viteMetadata?.importedCss ?? [])];
          return [
            {
              tag: 'link',
              attrs: { rel: 'modulepreload', crossorigin: '', href: `/${chunk.fileName}` },
              injectTo: 'head' as const,
            },
            ...css.map((href) => ({
              tag: 'link',
              attrs: { rel: 'stylesheet', crossorigin: '', href: `/${href}` },
              injectTo: 'head' as const,
            })),
          ];
        });
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), preloadChunks(), workspaceSources()],
  server: { proxy: { '/api': { target: apiTarget, changeOrigin: true } } },
  preview: { proxy: { '/api': { target: apiTarget, changeOrigin: true } } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
