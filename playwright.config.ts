/**
 * End-to-end tests in Chromium against the built app (dist/, served by
 * `vite preview`), training in the Web Worker host. Run with `npm run test:e2e`
 * (it builds first). Screenshots land in e2e/artifacts/ (not committed).
 */
import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Debian's Chromium (what CI installs), or CHROMIUM_PATH; where neither exists, Playwright's own
// browser (`npx playwright install chromium`, for machines with internet access).
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

// vite.config.ts preview.port; E2E_PORT lets a second run (say, a CI check beside a developer's run) use another
const PORT = Number(process.env.E2E_PORT ?? 4178);

export default defineConfig({
  testDir: 'e2e',
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
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    // the app in a browser, training in a Web Worker
    { name: 'web', testIgnore: ['**/electron*.spec.ts'] },
    // the desktop app; skipped (with the reason) where no Electron binary is installed
    { name: 'electron', testMatch: ['**/electron*.spec.ts'] },
  ],
  webServer: {
    command: `npx vite preview --config vite.config.ts --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
