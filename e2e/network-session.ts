/** For the network and math e2e tests: open a session built in the test (no file chooser needed). */
import { expect, type Page } from '@playwright/test';

export async function openSession(page: Page, name: string, session: unknown): Promise<void> {
  await page.goto('/');
  await page.waitForFunction(() => 'nnlabApp' in window);
  await page.evaluate(([n, text]) => (window as unknown as { nnlabApp: { openText(n: string, t: string): boolean } }).nnlabApp.openText(n, text), [name, JSON.stringify(session)] as const);
  await expect(page.getByTestId('network-view')).toBeVisible();
}
