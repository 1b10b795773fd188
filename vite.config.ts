/**
 * The renderer build: index.html at the repo root, output in dist/ with
 * relative URLs (base './') so Electron can load dist/index.html via file://.
 * The trainer Web Worker (src-renderer/host/trainer.worker.ts) is bundled as
 * an ES module worker.
 */
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { mnistDigits } from './src-renderer/host/vite-mnist-digits';

export default defineConfig({
  base: './',
  plugins: [svelte(), mnistDigits()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1500 },
  // mnistDigits: the MNIST digits as compact lazy chunks for the trainer worker (worker builds have their own plugin list)
  worker: { format: 'es', plugins: () => [mnistDigits()] },
  server: { port: 5173 },
  // the e2e tests serve the built app here (playwright.config.ts)
  preview: { port: 4178, strictPort: true, host: '127.0.0.1' },
});
