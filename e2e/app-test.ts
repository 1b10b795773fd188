/**
 * The shared Playwright fixture: every e2e test imports `test` and `expect`
 * from here instead of '@playwright/test'. A page error (an uncaught
 * exception) or a console error fails the test that caused it, with the
 * messages, even when every assertion passed.
 */
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
      });
      await use(errors);
      expect(errors, 'page and console errors during the test').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Page, Locator } from '@playwright/test';
