// Before the end-to-end tests: a Chromium to drive. Debian's (/usr/bin/chromium,
// what .ci/run installs) or CHROMIUM_PATH is used as it is (playwright.config.ts);
// where neither exists, Playwright's own browser is installed once
// (`npx playwright install chromium`, which needs the internet), so that
// `npm ci && npm test` works on a fresh machine without a manual step.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';

const own = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
if (own) {
  if (!existsSync(own)) {
    console.error(`CHROMIUM_PATH names ${own}, which does not exist`);
    process.exit(1);
  }
} else if (!existsSync(chromium.executablePath())) {
  console.log('No Chromium found (/usr/bin/chromium, CHROMIUM_PATH): installing Playwright\'s own (npx playwright install chromium)');
  const r = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error('Could not install a browser for the end-to-end tests: install Chromium (Debian: apt-get install chromium) or set CHROMIUM_PATH');
    process.exit(r.status ?? 1);
  }
}
