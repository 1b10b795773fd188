/**
 * The renderer build: index.html at the repo root, output in dist/ with
 * relative URLs (base './'), as Electron serves dist/ from app://nnlab/ (src-main/security.ts).
 * The trainer Web Worker (src-renderer/host/trainer.worker.ts) is bundled as
 * an ES module worker.
 */
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { mnistDigits } from './src-node/vite-mnist-digits';
import { CONTENT_SECURITY_POLICY } from './src-main/security';

/**
 * The desktop app's Content-Security-Policy in the built page as well (main.ts
 * also sends it as a header): the browser build and its e2e tests then run
 * under the very policy Electron enforces. Not in the dev server, whose hot
 * reload needs a websocket.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'nnlab-csp',
    apply: 'build',
    // frame-ancestors works only as a header (a <meta> policy may not carry it)
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ') }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  base: './',
  plugins: [svelte(), mnistDigits(), contentSecurityPolicy()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1500 },
  // mnistDigits: the MNIST digits as compact lazy chunks for the trainer worker (worker builds have their own plugin list)
  worker: { format: 'es', plugins: () => [mnistDigits()] },
  server: { port: 5173 },
  // the e2e tests serve the built app here (playwright.config.ts)
  preview: { port: 4178, strictPort: true, host: '127.0.0.1' },
});
