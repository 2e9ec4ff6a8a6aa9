import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// In development the API runs on its own port; in production it serves this build itself, same origin.
const apiTarget = process.env.SIGHTLINE_API_URL ?? 'http://127.0.0.1:8787';

/**
 * The entry only starts the page's requests and then imports the app (src/mount.tsx). Without a hint
 * the browser would fetch the app's chunk only once the entry has run: the page names it, and its
 * styles, up front so both download at once.
 */
function preloadApp(): Plugin {
  return {
    name: 'sightline:preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const app = Object.values(bundle ?? {}).find(
          (output) => output.type === 'chunk' && output.facadeModuleId?.endsWith('/src/mount.tsx'),
        );
        if (!app || app.type !== 'chunk') return [];
        const css = [...(app.viteMetadata?.importedCss ?? [])];
        return [
          {
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: '', href: `/${app.fileName}` },
            injectTo: 'head' as const,
          },
          ...css.map((href) => ({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: '', href: `/${href}` },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), preloadApp()],
  server: { proxy: { '/api': { target: apiTarget, changeOrigin: true } } },
  preview: { proxy: { '/api': { target: apiTarget, changeOrigin: true } } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
