/**
 * End-to-end tests in Chromium against the built app (dist/, served by
 * `vite preview`), training in the Web Worker host. Run with `npm run test:e2e`
 * (it builds first). Screenshots land in e2e/artifacts/ (not committed).
 */
import { defineConfig } from '@playwright/test';

const PORT = 4178; // vite.config.ts preview.port

export default defineConfig({
  testDir: 'e2e',
  testIgnore: ['**/electron*.spec.ts'],
  outputDir: 'e2e/artifacts/results',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `npx vite preview --config vite.config.ts --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
